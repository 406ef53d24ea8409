using DataScrub.Checks.Statistics;
using DataScrub.Records;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Statistics;

public class SampleStatisticsCheckTests
{
    [Fact]
    public void Inspect_DeclaredChannels_OneMomentPerChannel()
    {
        // 2 channels of 3 values: channel 0 = 0, 1, 2 (mean 1, population std sqrt(2/3)), channel 1 = 10, 10, 40.
        var sample = new CheckHarness().Field("data", TensorElementType.UInt8, new byte[] { 0, 1, 2, 10, 10, 40 });
        sample.Content.DeclaredShape = new DeclaredShape(2, 1, 3);

        var (findings, observations) = sample.Run(new SampleStatisticsCheck());

        Assert.Empty(findings);
        Assert.Equal(2, observations.ChannelMomentCount);
        var (c0, c1) = (observations.ChannelMoments[0], observations.ChannelMoments[1]);
        Assert.Equal((3L, 1.0, 0.0, 2.0), (c0.Count, c0.Mean, c0.Min, c0.Max));
        Assert.Equal(Math.Sqrt(2.0 / 3), c0.StandardDeviation, 1e-12);
        Assert.Equal((3L, 20.0, 10.0, 40.0), (c1.Count, c1.Mean, c1.Min, c1.Max));
        Assert.Equal(Math.Sqrt(200.0), c1.StandardDeviation, 1e-12);
    }

    [Fact]
    public void Inspect_EveryFiniteValueEqual_IsConstantSample_CountingFiniteValues()
    {
        var sample = new CheckHarness().Floats("float_data", 0.25f, 0.25f, float.NaN, 0.25f);

        var (findings, observations) = sample.Run(new SampleStatisticsCheck());

        Assert.Equal("constant-sample:float_data:3:", CheckHarness.Describe(findings));
        Assert.Equal("all 3 finite values are 0.25", findings[0].Message);
        Assert.Equal(1, observations.ChannelMomentCount);
    }

    [Fact]
    public void Inspect_ConstantPerChannelButNotOverall_IsNoFinding()
    {
        var sample = new CheckHarness().Floats("data", 1f, 1f, 2f, 2f);
        sample.Content.DataChannels = 2;

        var (findings, observations) = sample.Run(new SampleStatisticsCheck());

        Assert.Empty(findings);
        Assert.Equal((1.0, 2.0), (observations.ChannelMoments[0].Mean, observations.ChannelMoments[1].Mean));
    }

    [Fact]
    public void Inspect_SizeDisagreeingWithTheDeclaredShape_IsSkipped()
    {
        var sample = new CheckHarness().Field("data", TensorElementType.UInt8, new byte[47]);
        sample.Content.DeclaredShape = new DeclaredShape(3, 4, 4);

        var (findings, observations) = sample.Run(new SampleStatisticsCheck());

        Assert.Empty(findings);
        Assert.Equal(0, observations.ChannelMomentCount);
    }

    [Fact]
    public void Inspect_LabelsAndEncodedImages_AreNotData()
    {
        var labelOnly = new CheckHarness().Field("label", TensorElementType.Int64, new long[] { 4, 4, 4 }, false, isLabel: true);
        var encoded = new CheckHarness().Field("data", TensorElementType.UInt8, new byte[] { 7, 7, 7 }).EncodedImage([1, 2, 3]);

        Assert.Equal(0, labelOnly.Run(new SampleStatisticsCheck()).Observations.ChannelMomentCount);
        Assert.Empty(encoded.Run(new SampleStatisticsCheck()).Findings);
        Assert.Equal(0, encoded.Run(new SampleStatisticsCheck()).Observations.ChannelMomentCount);
    }

    [Fact]
    public void Inspect_Float16AndInt64Data_AreWidened()
    {
        var halves = new CheckHarness().Field("data", TensorElementType.Float16, new[] { (Half)1, (Half)3 });
        var longs = new CheckHarness().Field("data", TensorElementType.Int64, new long[] { -5, 5, 5, 15 });

        var h = halves.Run(new SampleStatisticsCheck()).Observations.ChannelMoments[0];
        var l = longs.Run(new SampleStatisticsCheck()).Observations.ChannelMoments[0];

        Assert.Equal((2L, 2.0, 1.0), (h.Count, h.Mean, h.StandardDeviation));
        Assert.Equal((4L, 5.0, -5.0, 15.0), (l.Count, l.Mean, l.Min, l.Max));
    }
}
