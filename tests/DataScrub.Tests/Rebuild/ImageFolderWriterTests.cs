using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Rebuild;

/// <summary>The image folder writer writes each survivor from the bytes the rebuild already read: the copy must still
/// be the source file byte for byte, with its permission bits.</summary>
public sealed class ImageFolderWriterTests
{
    [Fact]
    public void Rebuild_ImageFolder_KeepsEachSurvivorsBytesAndPermissions()
    {
        using var temp = new TempDirectory();
        var source = temp.CopyDirectory(Fixtures.Path(Fixtures.Images.Flat), "flat");
        File.SetUnixFileMode(Path.Combine(source, "a.jpg"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.SetUnixFileMode(Path.Combine(source, "b.png"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead);

        var run = CliRun.InProcess("rebuild", source, "--out", temp.Combine("out"), "--drop-bad", "-q");

        Assert.True(run.ExitCode == 0, run.ToString());
        var copied = Directory.GetFiles(temp.Combine("out")).Select(Path.GetFileName).Where(n => n != "datascrub-rebuild.json").Order().ToList();
        Assert.NotEmpty(copied);
        foreach (var name in copied)
        {
            var original = Path.Combine(source, name!);
            var copy = temp.Combine("out", name!);
            Assert.Equal(File.ReadAllBytes(original), File.ReadAllBytes(copy));
            Assert.Equal(File.GetUnixFileMode(original), File.GetUnixFileMode(copy));
        }
        Assert.Contains("a.jpg", copied);
        Assert.Contains("b.png", copied);
    }
}
