using DataScrub.Checks.NonFinite;
using DataScrub.Records;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.NonFinite;

/// <summary>Which channels of the input data hold NaN/Inf (the profile's per-channel counts): C x H x W by index / (H W),
/// a feature vector by feature, nothing for a clean sample, for masks or when the size disagrees with the shape.</summary>
public sealed class NonFiniteChannelTests
{
    private static string Channels(CheckHarness sample)
    {
        var (_, observations) = sample.Run(new NonFiniteCheck());
        return string.Join(" ", observations.NonFiniteChannels.ToArray().Select(c => $"{c.Channel}:{c.NanValues}:{c.InfValues}"));
    }

    [Fact]
    public void Inspect_ChannelsOfCxHxW_CountNanAndInfPerChannel()
    {
        // 3 x 4 x 8: 32 values a channel (the SIMD scanner's path).
        var values = new float[96];
        values[0] = float.NaN;
        values[31] = float.PositiveInfinity;
        values[70] = float.NaN;
        values[71] = float.NaN;
        values[95] = float.NegativeInfinity;
        var sample = new CheckHarness().Floats("data", values);
        sample.Content.DeclaredShape = new DeclaredShape(3, 4, 8);

        Assert.Equal("0:1:1 2:2:1", Channels(sample));
    }

    [Fact]
    public void Inspect_FeatureVector_CountsPerFeature()
    {
        // D x 1 x 1 (one value a channel: counted one value at a time), in float64 and float16 too.
        var floats = new[] { 1f, float.NaN, 2f, float.NegativeInfinity };
        var doubles = new[] { double.PositiveInfinity, 0, double.NaN };
        var halves = new[] { (Half)0, Half.NaN };

        Assert.Equal("1:1:0 3:0:1", Channels(Shaped(new CheckHarness().Floats("float_data", floats), 4)));
        Assert.Equal("0:0:1 2:1:0", Channels(Shaped(new CheckHarness().Field("data", TensorElementType.Float64, doubles), 3)));
        Assert.Equal("1:1:0", Channels(Shaped(new CheckHarness().Field("data", TensorElementType.Float16, halves), 2)));
    }

    [Fact]
    public void Inspect_HdfChannels_ComeFromTheFormat()
    {
        // An HDF5 row of 2 x 3 values: DataChannels 2, no declared shape.
        var sample = new CheckHarness().Floats("data", 0, 0, 0, 0, float.NaN, 0);
        sample.Content.DataChannels = 2;

        Assert.Equal("1:1:0", Channels(sample));
    }

    [Fact]
    public void Inspect_CleanSample_MaskOrWrongSize_RecordNoChannel()
    {
        Assert.Equal("", Channels(Shaped(new CheckHarness().Floats("data", 1, 2, 3), 3)));
        // NaN only in a mask (a label field): a nan finding, but not a channel of the input data.
        Assert.Equal("", Channels(new CheckHarness().Floats("data", 1, 2).Field("mask", TensorElementType.Float32, [float.NaN, 0f], false, isLabel: true)));
        // 5 values declared as 3 x 1 x 2: shape-mismatch says why; no channel can be told.
        Assert.Equal("", Channels(Shaped(new CheckHarness().Floats("data", float.NaN, 0, 0, 0, 0), 3, 1, 2)));
    }

    private static CheckHarness Shaped(CheckHarness sample, int channels, int height = 1, int width = 1)
    {
        sample.Content.DeclaredShape = new DeclaredShape(channels, height, width);
        return sample;
    }
}
