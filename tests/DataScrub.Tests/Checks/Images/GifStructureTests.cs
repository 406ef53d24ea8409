using DataScrub.Images.Structure;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Images;

/// <summary>The GIF block walk: stray bytes between blocks are stepped over as PIL and giflib do, frames are counted,
/// and cut files and a missing trailer are still found.</summary>
public class GifStructureTests
{
    private static byte[] Read(string name) => File.ReadAllBytes(Fixtures.Path($"{Fixtures.Images.GifDecoding}/{name}"));

    [Theory]
    [InlineData("plain.gif", 1)]
    [InlineData("interlaced.gif", 1)]
    [InlineData("animated_local_palettes.gif", 3)]
    [InlineData("stray_bytes.gif", 3)]
    public void Walk_ValidGif_IsCleanAndCountsTheFrames(string name, int frames)
    {
        var structure = GifStructure.Walk(Read(name));

        Assert.Null(structure.Truncated);
        Assert.Null(structure.Corrupt);
        Assert.Null(structure.MissingEndMarker);
        Assert.Equal(0, structure.TrailingBytes);
        Assert.Equal(frames, structure.Pages);
    }

    [Fact]
    public void Walk_StrayBytesBeforeTheFirstBlockAndBetweenFrames_SameAsWithout()
    {
        var clean = GifStructure.Walk(Read("animated_local_palettes.gif"));
        var stray = GifStructure.Walk(Read("stray_bytes.gif"));

        Assert.Equal(clean with { Offset = null }, stray with { Offset = null });
        Assert.Equal(clean.Offset + 5, stray.Offset);
    }

    [Fact]
    public void Walk_StrayBytesAfterTheLastFrameWithoutTrailer_IsAMissingTrailerOnly()
    {
        var plain = Read("plain.gif");

        var structure = GifStructure.Walk([.. plain[..^1], 0x00, 0x13, 0x37]);

        Assert.Null(structure.Truncated);
        Assert.Null(structure.Corrupt);
        Assert.NotNull(structure.MissingEndMarker);
        Assert.Equal(1, structure.Pages);
    }

    [Fact]
    public void Walk_OnlyStrayBytesAfterTheHeader_IsTruncatedBeforeAnyImage()
    {
        var plain = Read("plain.gif");
        var screenAndPalette = 13 + 3 * 32;

        var structure = GifStructure.Walk([.. plain[..screenAndPalette], 0x00, 0x01, 0x02]);

        Assert.Equal("the file ends before any image data", structure.Truncated);
        Assert.Equal(0, structure.Pages);
    }

    [Fact]
    public void Walk_CutInsideTheFirstFrame_IsTruncatedThere()
    {
        var structure = GifStructure.Walk(Read("cut_in_first_frame.gif"));

        Assert.Equal("the file ends inside the image data of frame 1", structure.Truncated);
        Assert.Equal(0, structure.Pages);
    }

    [Fact]
    public void Walk_CutAfterTheFirstFrame_DamageToLaterFramesNotATruncation()
    {
        // PIL's load() returns the first frame of such a file: it trains, so the cut is reported but is no error.
        var animated = Read("animated_local_palettes.gif");

        var structure = GifStructure.Walk(animated.AsSpan(0, animated.Length * 2 / 3));

        Assert.Null(structure.Truncated);
        Assert.StartsWith("the file ends inside", structure.LaterPagesProblem);
        Assert.True(structure.Pages is 2 or 3, $"{structure.Pages} frames");
    }

    [Fact]
    public void Walk_CutInsideTheFirstFrame_IsTruncated()
    {
        var animated = Read("animated_local_palettes.gif");

        var structure = GifStructure.Walk(animated.AsSpan(0, animated.Length / 4));

        Assert.Equal("the file ends inside the image data of frame 1", structure.Truncated);
        Assert.Null(structure.LaterPagesProblem);
    }

    [Fact]
    public void Walk_WithoutTrailer_IsAMissingEndMarkerWithTheFramesCounted()
    {
        var animated = Read("animated_local_palettes.gif");

        var structure = GifStructure.Walk(animated.AsSpan(0, animated.Length - 1));

        Assert.Null(structure.Truncated);
        Assert.Equal("the file ends without the GIF trailer (0x3B) after complete frames", structure.MissingEndMarker);
        Assert.Equal(3, structure.Pages);
    }

    [Fact]
    public void Walk_BytesAfterTheTrailer_AreTrailingBytes()
    {
        var structure = GifStructure.Walk([.. Read("plain.gif"), 0x00, 0x2C, 0x21]);

        Assert.Equal(3, structure.TrailingBytes);
        Assert.Equal(1, structure.Pages);
    }
}
