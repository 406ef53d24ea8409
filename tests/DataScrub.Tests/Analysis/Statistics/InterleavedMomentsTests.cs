using CsCheck;
using DataScrub.Analysis.Statistics;

namespace DataScrub.Tests.Analysis.Statistics;

/// <summary>Moments of interleaved pixels (RGB, CMYK, gray, and odd channel counts) equal a plain per-channel
/// recount, for any length, including buffers cut mid-pixel and runs long enough to flush the lane sums.</summary>
public class InterleavedMomentsTests
{
    [Fact]
    public void OfInterleaved_MatchesAPerChannelRecount()
    {
        Gen.Select(Gen.Int[1, 5], Gen.Byte.Array[0, 2000]).Sample((channels, pixels) =>
        {
            var actual = new RunningMoments[channels];
            RunningMoments.OfInterleaved(pixels, actual);
            for (var c = 0; c < channels; c++)
            {
                var values = pixels.Where((_, i) => i % channels == c).Select(b => (double)b).ToArray();
                Assert.Equal(values.Length, actual[c].Count);
                if (values.Length == 0) continue;
                var mean = values.Average();
                Assert.Equal(mean, actual[c].Mean, 1e-9);
                Assert.Equal(values.Sum(v => (v - mean) * (v - mean)), actual[c].M2, 1e-6);
                Assert.Equal(values.Min(), actual[c].Min);
                Assert.Equal(values.Max(), actual[c].Max);
            }
        }, iter: 400);
    }

    [Fact]
    public void OfInterleaved_LargeRgbBuffer_SumsStayExact()
    {
        // 16 MiB of white RGB: every lane flushes its sums several times; a 32-bit overflow would show.
        var pixels = new byte[16 * 48 * 21_845 + 5];
        Array.Fill(pixels, (byte)255);
        var moments = new RunningMoments[3];

        RunningMoments.OfInterleaved(pixels, moments);

        Assert.Equal(pixels.Length / 3 + 1, moments[0].Count);
        Assert.All(moments, m => Assert.Equal((255.0, 0.0, 255.0, 255.0), (m.Mean, m.M2, m.Min, m.Max)));
        Assert.True(RunningMoments.AllEqual(moments, out var value, out var count));
        Assert.Equal((255.0, (long)pixels.Length), (value, count));
    }
}
