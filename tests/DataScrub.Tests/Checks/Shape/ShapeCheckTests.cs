using DataScrub.Checks.Shape;
using DataScrub.Records;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Shape;

public class ShapeCheckTests
{
    private static string Findings(CheckHarness sample) => CheckHarness.Describe(sample.Run(new ShapeCheck()).Findings);

    [Fact]
    public void Inspect_DataMatchingTheDeclaredShape_FindsNothing()
    {
        var sample = new CheckHarness().Field("data", TensorElementType.UInt8, new byte[2 * 3 * 4]);
        sample.Content.DeclaredShape = new DeclaredShape(2, 3, 4);

        Assert.Equal("", Findings(sample));
    }

    [Fact]
    public void Inspect_DataOneShort_IsShapeMismatchWithTheStoredCount()
    {
        var sample = new CheckHarness().Field("data", TensorElementType.UInt8, new byte[47]);
        sample.Content.DeclaredShape = new DeclaredShape(3, 4, 4);

        Assert.Equal("shape-mismatch:data:47:", Findings(sample));
    }

    [Fact]
    public void Inspect_BothFieldsWrong_OneFindingPerField_InFieldOrder()
    {
        var sample = new CheckHarness().Field("data", TensorElementType.UInt8, new byte[5]).Floats("float_data", new float[7]);
        sample.Content.DeclaredShape = new DeclaredShape(1, 2, 3);

        Assert.Equal("shape-mismatch:data:5: shape-mismatch:float_data:7:", Findings(sample));
    }

    [Fact]
    public void Inspect_ShapeButNoPayload_IsShapeMismatchWithoutAField()
    {
        var sample = new CheckHarness().Field("label", TensorElementType.Int64, new long[] { 2 }, mustMatchDeclaredShape: false, isLabel: true);
        sample.Content.DeclaredShape = new DeclaredShape(3, 8, 8);

        Assert.Equal("shape-mismatch::0:", Findings(sample));
    }

    [Fact]
    public void Inspect_NegativeDimension_NeverMatches()
    {
        var sample = new CheckHarness().Field("data", TensorElementType.UInt8, new byte[0]);
        sample.Content.DeclaredShape = new DeclaredShape(-1, 2, 2);

        var (findings, _) = sample.Run(new ShapeCheck());

        Assert.Equal("shape-mismatch:data:0:", CheckHarness.Describe(findings));
        Assert.Contains("invalid (negative) size", findings[0].Message);
    }

    [Fact]
    public void Inspect_EncodedImageOrNoDeclaredShape_IsNotJudgedByLength()
    {
        var encoded = new CheckHarness().Field("data", TensorElementType.UInt8, new byte[10]).EncodedImage(new byte[10]);
        encoded.Content.DeclaredShape = new DeclaredShape(3, 32, 32);
        var undeclared = new CheckHarness().Floats("data", new float[13]);

        Assert.Equal("", Findings(encoded));
        Assert.Equal("", Findings(undeclared));
    }
}
