using DataScrub.Analysis.Statistics;
using DataScrub.Images.Decoding;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace DataScrub.Tests.Checks.Images;

/// <summary>What the decoders under test are checked against: the first frame's RGB moments as ImageSharp (an
/// independent decoder) computes them, and the plumbing every decoder test shares.</summary>
internal static class ReferenceMoments
{
    public static RunningMoments[] OfFirstFrame(byte[] bytes)
    {
        using var image = Image.Load<Rgb24>(bytes);
        var pixels = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(pixels);
        var moments = new RunningMoments[3];
        RunningMoments.OfInterleaved(pixels, moments);
        return moments;
    }

    /// <summary>Decodes with moments; the result and the 3 colour channels' moments.</summary>
    public static (DecodeResult Result, RunningMoments[] Moments) Decode(IImageDecoder decoder, byte[] bytes, long maxPixels = long.MaxValue, long deadline = long.MaxValue)
    {
        var moments = new RunningMoments[4];
        var result = decoder.Decode(bytes, new DecodeRequest(maxPixels, deadline, moments));
        return (result, moments[..result.MomentChannels]);
    }

    /// <summary>Same pixel counts and extremes, means and variances within the tolerance (relative for the variance).</summary>
    public static void AssertClose(RunningMoments[] expected, RunningMoments[] actual, double meanTolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var c = 0; c < expected.Length; c++)
        {
            Assert.Equal(expected[c].Count, actual[c].Count);
            Assert.Equal((expected[c].Min, expected[c].Max), (actual[c].Min, actual[c].Max));
            Assert.True(Math.Abs(expected[c].Mean - actual[c].Mean) <= meanTolerance, $"channel {c}: mean {actual[c].Mean}, expected {expected[c].Mean}");
            Assert.True(Math.Abs(expected[c].Variance - actual[c].Variance) <= Math.Max(meanTolerance, 1e-9) * Math.Max(1, expected[c].Variance) * 10,
                $"channel {c}: variance {actual[c].Variance}, expected {expected[c].Variance}");
        }
    }

    /// <summary>A deadline already in the past.</summary>
    public static long PastDeadline => System.Diagnostics.Stopwatch.GetTimestamp() - 1;
}
