using CsCheck;
using DataScrub.Analysis.Statistics;

namespace DataScrub.Tests.Analysis.Statistics;

/// <summary>
/// The vectorised fold of feature vectors gives, bit for bit, what merging one-value moments one sample at a time
/// gives (the path every other sample shape takes), so the report's statistics do not depend on which path ran.
/// </summary>
public class ChannelValueAccumulatorTests
{
    private static readonly Gen<double> Finite = Gen.OneOf(
        Gen.Double[-1e6, 1e6],
        Gen.Double[-1, 1],
        Gen.Double.Unit.Select(u => 1e9 + u),
        Gen.Int[0, 6].Select(i => new[] { 0.0, -0.0, 1.0, -1.0, 3.5, 1e-300, -1e300 }[i]));

    /// <summary>Rows of finite values (the fold's shared-count path), then NaN planted from a random row on (its per-lane path):
    /// none, a few, or many.</summary>
    private static readonly Gen<(int Channels, double[][] Rows)> Rows =
        Gen.Select(Gen.Int[1, 19], Gen.Int[1, 40]).SelectMany((channels, samples) =>
            Gen.Select(Finite.Array[channels].Array[samples], Gen.Int[0, samples], Gen.Int[0, 3], Gen.Int[0, int.MaxValue])
                .Select((rows, from, density, seed) =>
                {
                    var random = new Random(seed);
                    for (var r = from; r < samples && density > 0; r++)
                        for (var c = 0; c < channels; c++)
                            if (random.Next(4) < density) rows[r][c] = double.NaN;
                    return (channels, rows);
                }));

    [Fact]
    public void Add_IsBitForBitTheOneValueMerge()
    {
        Rows.Sample(t =>
        {
            var (channels, rows) = t;
            var accumulator = new ChannelValueAccumulator(channels);
            var merged = new RunningMoments[channels];
            for (var r = 0; r < rows.Length; r++)
            {
                var row = rows[r];
                // Every other complete row is passed as known complete, as the statistics check does.
                accumulator.Add(row, knownComplete: r % 2 == 0 && !row.Any(double.IsNaN));
                for (var c = 0; c < channels; c++)
                    if (!double.IsNaN(row[c])) merged[c] = merged[c].Merge(new RunningMoments(1, row[c], 0, row[c], row[c]));
            }
            for (var c = 0; c < channels; c++)
            {
                var actual = accumulator.Moments(c);
                var expected = merged[c];
                Assert.Equal(expected.Count, actual.Count);
                if (expected.Count == 0) continue;
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Mean), BitConverter.DoubleToInt64Bits(actual.Mean));
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected.M2), BitConverter.DoubleToInt64Bits(actual.M2));
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Min), BitConverter.DoubleToInt64Bits(actual.Min));
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Max), BitConverter.DoubleToInt64Bits(actual.Max));
            }
        }, iter: 2_000);
    }

    [Fact]
    public void Add_WrongLength_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new ChannelValueAccumulator(3).Add([1.0, 2.0]));
}
