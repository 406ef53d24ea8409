using DataScrub.Cli;
using DataScrub.Tests.Shared;
using Xunit.Abstractions;

namespace DataScrub.Tests.Rebuild;

/// <summary>A destination the system will not let DataScrub write is exit 3 with one line naming the path and
/// the system's reason (not an internal error), found before the scan where it can be.</summary>
public class RebuildWriteFailureTests(ITestOutputHelper log)
{
    [Fact]
    public void Rebuild_IntoAReadOnlyFolder_IsExit3NamingThePathAndTheReason_BeforeScanning()
    {
        using var temp = new TempDirectory();
        var source = temp.CopyDirectory(Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "db");
        using var folder = new ReadOnlyFolder(temp, "out");
        log.WriteLine(folder.Mechanism);
        var destination = Path.Combine(folder.Path, "clean");

        var run = folder.Run("rebuild", source, "--out", destination, "--drop-bad");

        Assert.True(run.ExitCode == ExitCodes.Unreadable, run.ToString());
        Assert.Equal($"datascrub: {destination}: cannot write in {folder.Path}: {folder.SystemReason}; nothing was written", run.Error.TrimEnd());
        Assert.Equal("", run.Out); // refused before the scan
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    /// <summary>/sys refuses new entries to everyone, root included.</summary>
    [Fact]
    public void Rebuild_IntoSys_IsExit3WithOneLine()
    {
        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "--out", "/sys/datascrub-clean", "--drop-bad");

        Assert.True(run.ExitCode == ExitCodes.Unreadable, run.ToString());
        Assert.Matches("^datascrub: /sys/datascrub-clean: cannot write in /sys: (operation not permitted|read-only file system|permission denied); nothing was written$", run.Error.TrimEnd());
    }

    [Fact]
    public void Rebuild_StaleTemporaryThatCannotBeRemoved_IsExit3NamingIt()
    {
        using var temp = new TempDirectory();
        var source = temp.CopyDirectory(Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "db");
        var parent = temp.Combine("out");
        Directory.CreateDirectory(parent);
        File.SetUnixFileMode(parent, (UnixFileMode)0b111_111_111); // the command may run as nobody
        using var stale = new ReadOnlyFolder(temp, "out/.clean.datascrub-rebuild-99999999", file: "partial");
        log.WriteLine(stale.Mechanism);
        var destination = Path.Combine(parent, "clean");

        var run = stale.Run("rebuild", source, "--out", destination, "--drop-bad", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Unreadable, run.ToString());
        // Directory.Delete words EPERM (the immutable folder) without an errno, only as .NET's words; EACCES
        // (mode 0555, not root) comes with its errno.
        var reason = stale.Mechanism.StartsWith("chattr", StringComparison.Ordinal) ? "access to the path is denied" : "permission denied";
        Assert.Equal([
            $"datascrub: removing {stale.Path}, left by an interrupted rebuild of {destination}",
            $"datascrub: cannot remove {stale.Path}, left by an interrupted rebuild of {destination}: {reason}; remove it, then run again",
        ], run.Error.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(destination));
    }
}
