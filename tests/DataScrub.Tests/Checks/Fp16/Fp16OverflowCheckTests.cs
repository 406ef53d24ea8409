using CsCheck;
using DataScrub.Checks.Fp16;
using DataScrub.Records;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Fp16;

public class Fp16OverflowCheckTests
{
    private static readonly Gen<float> Values = Gen.Frequency(
        (6, Gen.UInt.Select(BitConverter.UInt32BitsToSingle)), // any bit pattern: NaN payloads, ±Inf, subnormals
        (2, Gen.Float[-70000f, 70000f]),
        (1, Gen.OneOf(65504f, -65504f, 65504.01f, -65505f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.MaxValue)));

    [Fact]
    public void Count_Float32_MatchesAScalarReference()
    {
        Values.Array[0, 300].Sample(values =>
        {
            long count = 0, first = -1;
            for (var i = 0; i < values.Length; i++)
                if (float.IsFinite(values[i]) && MathF.Abs(values[i]) > 65504f) { count++; if (first < 0) first = i; }

            Assert.Equal((count, first, (long)values.Length), Fp16OverflowCheck.Count(values));
        }, iter: 3000);
    }

    [Fact]
    public void Count_Float64_FiniteBeyondTheHalfRangeOnly()
    {
        double[] values = [65504, -65504, 65504.5, double.NaN, double.PositiveInfinity, -1e300, 0];

        Assert.Equal((2L, 2L, 7L), Fp16OverflowCheck.Count(values));
    }
}

public class Fp16OverflowCheckInspectTests
{
    [Fact]
    public void Inspect_InputFieldsBeyondTheHalfRange_OneFindingPerField_LabelsExempt()
    {
        var sample = new CheckHarness()
            .Floats("data", 1f, 65504f, -65505f, float.PositiveInfinity, 70000f)
            .Field("extra", TensorElementType.Float64, new double[] { 1e6 })
            .Field("label", TensorElementType.Float32, new[] { 1e9f }, false, isLabel: true)
            .Field("bytes", TensorElementType.UInt8, new byte[] { 255 });

        var (findings, _) = sample.Run(new Fp16OverflowCheck());

        Assert.Equal("fp16-overflow:data:2:2 fp16-overflow:extra:1:0", CheckHarness.Describe(findings));
        Assert.Equal("2 of 5 finite values beyond ±65504 (Inf in float16), first at 2", findings[0].Message);
    }
}
