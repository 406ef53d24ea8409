using DataScrub.Images;
using DataScrub.Images.Checks;
using DataScrub.Checks.Masks;
using DataScrub.Records;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Masks;

public class EmptyMaskCheckTests
{
    private static (string Findings, bool? Empty) Inspect(CheckHarness sample, long? ignoreLabel = null)
    {
        var (findings, observations) = sample.Run(sample.Content.HasEncodedMask ? new MaskImageCheck(ImageInspectionOptions.Default, ignoreLabel) : new EmptyMaskCheck(ignoreLabel));
        return (CheckHarness.Describe(findings), observations.MaskEmpty);
    }

    [Fact]
    public void Inspect_AllZeroUInt8Mask_IsEmpty_WithItsSize()
    {
        Assert.Equal(("empty-mask:label:64:", true), Inspect(new CheckHarness().Mask("label", TensorElementType.UInt8, new byte[64])));
    }

    [Fact]
    public void Inspect_OneForegroundPixel_IsNotEmpty()
    {
        var mask = new byte[64];
        mask[63] = 1;

        Assert.Equal(("", false), Inspect(new CheckHarness().Mask("label", TensorElementType.UInt8, mask)));
    }

    [Fact]
    public void Inspect_IgnoreLabel_IsNotForeground()
    {
        var mask = new byte[16];
        mask[3] = 255;

        Assert.Equal(("", false), Inspect(new CheckHarness().Mask("label", TensorElementType.UInt8, mask)));
        Assert.Equal(("empty-mask:label:16:", true), Inspect(new CheckHarness().Mask("label", TensorElementType.UInt8, mask), ignoreLabel: 255));
    }

    [Fact]
    public void Inspect_FloatMask_NegativeZeroIsBackground_NaNIsNot()
    {
        Assert.Equal(("empty-mask:label:3:", true), Inspect(new CheckHarness().Field("label", TensorElementType.Float32, new[] { 0f, -0f, 0f }, false, isLabel: true)));
        Assert.Equal(("", false), Inspect(new CheckHarness().Field("label", TensorElementType.Float64, new[] { 0d, double.NaN }, false, isLabel: true)));
    }

    [Fact]
    public void Inspect_SingleValueLabelOrDataField_IsNoMask()
    {
        Assert.Equal(("", null), Inspect(new CheckHarness().Field("label", TensorElementType.Int64, new long[] { 0 }, false, isLabel: true)));
        Assert.Equal(("", null), Inspect(new CheckHarness().Field("data", TensorElementType.UInt8, new byte[8])));
    }

    [Theory]
    [InlineData(Fixtures.Masks.Bad.EmptyPalette, null, "empty-mask:mask:256:", true)]
    [InlineData(Fixtures.Masks.Bad.EmptyPalette2, null, "empty-mask:mask:256:", true)]
    [InlineData(Fixtures.Masks.Bad.EmptyGray, null, "empty-mask:mask:256:", true)]
    [InlineData(Fixtures.Masks.Good.Palette, null, "", false)]
    [InlineData(Fixtures.Masks.Voc.Bad.OnlyBackground, 255L, "empty-mask:mask:480:", true)]
    [InlineData(Fixtures.Masks.Voc.Bad.OnlyBackground, null, "", false)]
    public void Inspect_MaskImage_EmptyWhenEveryPixelIsBackgroundOrIgnored(string mask, long? ignoreLabel, string expected, bool empty)
    {
        var sample = new CheckHarness().EncodedMask(File.ReadAllBytes(Fixtures.Path(mask)));

        Assert.Equal((expected, empty), Inspect(sample, ignoreLabel));
    }

    [Fact]
    public void Inspect_MaskImageCutInsideIhdr_IsAnErrorOnTheMask_AndNoMask()
    {
        var sample = new CheckHarness().EncodedMask(File.ReadAllBytes(Fixtures.Path(Fixtures.Masks.Bad.CutInIhdr)));

        var (findings, empty) = Inspect(sample);

        Assert.StartsWith("truncated-image:mask::", findings);
        Assert.Single(findings.Split(' '));
        Assert.Null(empty);
    }
}
