using DataScrub.Checks.NonFinite;
using DataScrub.Records;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.NonFinite;

/// <summary>The check around the scanner (NonFiniteScannerTests): which fields it scans and what it reports.</summary>
public class NonFiniteCheckTests
{
    private static string Findings(CheckHarness sample) => CheckHarness.Describe(sample.Run(new NonFiniteCheck()).Findings);

    [Fact]
    public void Inspect_Float32_NanThenInf_WithCountsAndFirstIndexes()
    {
        var values = new float[48];
        values[10] = float.NaN;
        values[30] = BitConverter.UInt32BitsToSingle(0xffc12345); // negative NaN with a payload
        values[0] = float.PositiveInfinity;
        values[40] = float.NegativeInfinity;

        var (findings, _) = new CheckHarness().Floats("float_data", values).Run(new NonFiniteCheck());

        Assert.Equal("nan:float_data:2:10 inf:float_data:2:0", CheckHarness.Describe(findings));
        Assert.Equal("2 Inf of 48 values (+Inf 1, -Inf 1), first at 0", findings[1].Message);
    }

    [Fact]
    public void Inspect_Float64AndFloat16_AreScannedToo()
    {
        var doubles = new double[] { 0, 1, double.NaN, 3 };
        var halves = new[] { (Half)1, Half.NegativeInfinity, Half.MaxValue };

        Assert.Equal("nan:data:1:2 inf:label:1:1",
            Findings(new CheckHarness().Field("data", TensorElementType.Float64, doubles).Field("label", TensorElementType.Float16, halves, false, isLabel: true)));
    }

    [Fact]
    public void Inspect_FiniteExtremes_AreNoFinding()
    {
        float[] values = [-0f, 1e-40f, float.MaxValue, float.MinValue, float.Epsilon];

        Assert.Equal("", Findings(new CheckHarness().Floats("float_data", values)));
    }

    [Fact]
    public void Inspect_IntegerFields_AreSkipped()
    {
        Assert.Equal("", Findings(new CheckHarness().Field("data", TensorElementType.UInt8, new byte[] { 0xff, 0x7f, 0xc0 })
            .Field("label", TensorElementType.Int64, new long[] { long.MaxValue }, false, isLabel: true)));
    }

    [Fact]
    public void Inspect_SingleValueLabelWithARawLabel_IsTheLabelChecks_ButAMaskIsScanned()
    {
        var label = new CheckHarness().Field("label", TensorElementType.Float32, new[] { float.NaN }, false, isLabel: true);
        label.Content.RawLabel = double.NaN;
        var mask = new CheckHarness().Field("label", TensorElementType.Float32, new[] { 0f, 1f, float.NaN, 2f }, false, isLabel: true);

        Assert.Equal("", Findings(label));
        Assert.Equal("nan:label:1:2", Findings(mask));
    }
}
