using DataScrub.Checks.Masks;
using DataScrub.Records;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Masks;

public class MaskLabelCheckTests
{
    private static string Inspect(DataScrub.Checks.ICheck check, CheckHarness sample) => CheckHarness.Describe(sample.Run(check).Findings);

    private static CheckHarness Int64Mask(params long[] values) => new CheckHarness().Field("label", TensorElementType.Int64, values, false, isLabel: true);

    [Fact]
    public void Inspect_IntegerMask_CountsValuesOutsideZeroToK_AndNamesTheFirst()
    {
        Assert.Equal("label-out-of-range:label:3:1", Inspect(new MaskLabelCheck(3, null), Int64Mask(0, 3, 2, -1, 1, 7)));
        Assert.Equal("", Inspect(new MaskLabelCheck(3, null), Int64Mask(0, 1, 2, 2)));
    }

    [Fact]
    public void Inspect_WithoutK_OnlyNegativeValuesAreOutOfRange()
    {
        Assert.Equal("label-out-of-range:label:1:2", Inspect(new MaskLabelCheck(null, null), Int64Mask(0, 900, -4)));
    }

    [Fact]
    public void Inspect_IgnoreLabel_IsSkipped_ElseTheHintNamesIt()
    {
        var mask = new byte[] { 0, 1, 255, 255 };

        Assert.Equal("", Inspect(new MaskLabelCheck(21, 255), new CheckHarness().Mask("label", TensorElementType.UInt8, mask)));
        var (findings, _) = new CheckHarness().Mask("label", TensorElementType.UInt8, mask).Run(new MaskLabelCheck(21, null));
        Assert.Equal("label-out-of-range:label:2:2", CheckHarness.Describe(findings));
        Assert.EndsWith("first 255 at 2 (if the loss ignores it, give --ignore-label 255)", findings[0].Message);
    }

    [Fact]
    public void Inspect_FloatMask_FractionsAreNotIntegerWhenKIsGiven_ARegressionTargetOtherwise()
    {
        var values = new[] { 0f, 1.5f, 2f, 5f, float.NaN, 0.25f };

        Assert.Equal("label-out-of-range:label:1:3 label-not-integer:label:2:1",
            Inspect(new MaskLabelCheck(3, null), new CheckHarness().Field("label", TensorElementType.Float32, values, false, isLabel: true)));
        Assert.Equal("", Inspect(new MaskLabelCheck(null, null), new CheckHarness().Field("label", TensorElementType.Float32, values, false, isLabel: true)));
    }

    [Fact]
    public void Inspect_SingleValueLabel_IsNotAMask()
    {
        Assert.Equal("", Inspect(new MaskLabelCheck(3, null), Int64Mask(9)));
    }

    /// <summary>The VOC fixtures' counts and first indexes come from numpy over PIL's pixels (masks_voc/expected.json).</summary>
    [Theory]
    [InlineData(Fixtures.Masks.Voc.Bad.Class21, "label-out-of-range:mask:12:290")]
    [InlineData(Fixtures.Masks.Voc.Bad.GrayClass22, "label-out-of-range:mask:4:25")]
    [InlineData(Fixtures.Masks.Voc.Bad.OnlyBackground, "")]
    [InlineData(Fixtures.Masks.Voc.Good.FourBitPalette, "")]
    public void Inspect_VocMaskImage_ExactlyTheValuesOutsideTheClasses(string mask, string expected)
    {
        var sample = new CheckHarness().EncodedMask(File.ReadAllBytes(Fixtures.Path(mask)));

        Assert.Equal(expected, Inspect(new DataScrub.Images.Checks.MaskImageLabelCheck(21, 255), sample));
    }

    [Fact]
    public void Inspect_MaskImageWithoutK_IsNotJudged()
    {
        var sample = new CheckHarness().EncodedMask(File.ReadAllBytes(Fixtures.Path(Fixtures.Masks.Voc.Bad.Class21)));

        Assert.Equal("", Inspect(new DataScrub.Images.Checks.MaskImageLabelCheck(null, null), sample));
    }
}
