using DataScrub.Images;
using DataScrub.Images.Checks;
using DataScrub.Samples;
using DataScrub.Records;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Images;

/// <summary>The check on an encoded payload (a Datum's image): the fixture's expected kind, the observed channels,
/// and the Datum's declared shape against the decoded one.</summary>
public class ImageCheckTests
{
    private static (string Findings, int? Channels) Inspect(string image, DeclaredShape? shape = null, ImageContainer? expected = null)
    {
        var sample = new CheckHarness().EncodedImage(File.ReadAllBytes(Fixtures.Path(image)));
        sample.Content.DeclaredShape = shape;
        sample.Content.ExpectedImageContainer = expected;
        var (findings, observations) = sample.Run(new ImageCheck());
        return (string.Join(" ", findings.Select(f => $"{f.Kind.Name}:{f.Field}")), observations.ImageChannels);
    }

    [Theory]
    [InlineData(Fixtures.Images.Bad.Empty, "empty-file:data")]
    [InlineData(Fixtures.Images.Bad.Html, "corrupt-image:data")]
    [InlineData(Fixtures.Images.Bad.RandomBytes, "corrupt-image:data")]
    [InlineData(Fixtures.Images.Bad.HugeHeader, "image-too-large:data")]
    [InlineData(Fixtures.Images.Bad.JpegCut50, "truncated-image:data")]
    [InlineData(Fixtures.Images.Bad.JpegCutHeader, "truncated-image:data")]
    [InlineData(Fixtures.Images.Bad.JpegNoEoi, "truncated-image:data")]
    [InlineData(Fixtures.Images.Bad.ProgressiveCut50, "truncated-image:data")]
    [InlineData(Fixtures.Images.Bad.PngCrc, "corrupt-image:data")]
    [InlineData(Fixtures.Images.Bad.PngCut90, "truncated-image:data")]
    public void Inspect_DamagedImage_ExactlyOneErrorAndNoChannels(string image, string expected)
    {
        Assert.Equal((expected, null), Inspect(image));
    }

    [Theory]
    [InlineData(Fixtures.Images.Bad.GifNoTrailer, "missing-end-marker:data", 3)]
    [InlineData(Fixtures.Images.Bad.PngNoIend, "missing-end-marker:data", 3)]
    [InlineData(Fixtures.Images.Bad.JpegTrailing, "trailing-data:data", 3)]
    [InlineData(Fixtures.Images.Bad.PngTrailing, "trailing-data:data", 3)]
    [InlineData(Fixtures.Images.Good.Cat000Jpeg, "", 3)]
    [InlineData(Fixtures.Images.Good.Dog002PalettePng, "", 3)]
    [InlineData(Fixtures.Images.Good.GrayPng, "", 1)]
    [InlineData(Fixtures.Images.Good.Bird004Pgm, "", 1)]
    public void Inspect_UsableImage_WarningsOnly_AndItsColourChannels(string image, string expected, int channels)
    {
        Assert.Equal((expected, channels), Inspect(image));
    }

    [Fact]
    public void Inspect_ContentOtherThanTheNamePromises_IsFormatMismatch_WithoutAField()
    {
        Assert.Equal(("format-mismatch:", 3), Inspect(Fixtures.Images.Bad.PngNamedJpg, expected: ImageContainer.Jpeg));
        Assert.Equal(("", 3), Inspect(Fixtures.Images.Bad.PngNamedJpg));
    }

    [Fact]
    public void Inspect_DeclaredShape_ZeroIsUnknown_ASwapIsAMismatch()
    {
        // cat_000.jpg is 64x48 RGB.
        Assert.Equal(("", 3), Inspect(Fixtures.Images.Good.Cat000Jpeg, new DeclaredShape(0, 0, 0)));
        Assert.Equal(("", 3), Inspect(Fixtures.Images.Good.Cat000Jpeg, new DeclaredShape(3, 48, 64)));
        Assert.Equal(("shape-mismatch:data", null), Inspect(Fixtures.Images.Good.Cat000Jpeg, new DeclaredShape(3, 64, 48)));
        Assert.Equal(("shape-mismatch:data", null), Inspect(Fixtures.Images.Good.Cat000Jpeg, new DeclaredShape(1, 48, 64)));
    }

    [Fact]
    public void Inspect_NotAnEncodedImage_IsNotInspected()
    {
        var sample = new CheckHarness().Field("data", TensorElementType.UInt8, new byte[] { 1, 2, 3 });

        Assert.Empty(sample.Run(new ImageCheck()).Findings);
    }
}
