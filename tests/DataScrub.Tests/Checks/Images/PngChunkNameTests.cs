using DataScrub.Images.Structure;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Images;

/// <summary>A damaged chunk type is named in text a report can hold: image-png's x_unexpected_eof.png has a chunk
/// type of 'R', NUL, 'y', NUL, whose NUL bytes made the console output and reports binary.</summary>
public sealed class PngChunkNameTests
{
    [Fact]
    public void DamagedChunkType_IsNamedWithEscapes_NotRawBytes()
    {
        var header = PngBytes.Signature.Concat(PngBytes.Header(4, 4, 8, 0)).ToArray();
        byte[] damaged = [0, 0, 0, 100, (byte)'R', 0, (byte)'y', 0, 1, 2, 3];

        var structure = PngStructure.Walk([.. header, .. damaged]);

        Assert.Equal($"chunk 'R\\x00y\\x00' of 100 bytes at offset {header.Length} runs past the end of the {header.Length + damaged.Length}-byte file", structure.Truncated);
    }

    [Fact]
    public void PublicFile_MessageHasNoControlCharacters()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path("images/public/image-png"), "--json", "-", "-q");

        Assert.DoesNotContain('\0', run.Out);
        Assert.Contains("R\\\\x00y\\\\x00", run.Out);
    }
}
