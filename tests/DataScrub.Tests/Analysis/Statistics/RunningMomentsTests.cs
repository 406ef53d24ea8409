using DataScrub.Analysis.Statistics;

namespace DataScrub.Tests.Analysis.Statistics;

public class RunningMomentsTests
{
    [Fact]
    public void Of_MatchesATwoPassDecimalReference()
    {
        var random = new Random(7);
        var doubles = Enumerable.Range(0, 10_000).Select(_ => random.NextDouble() * 200 - 50).ToArray();
        var floats = doubles.Select(d => (float)d).ToArray();
        var bytes = Enumerable.Range(0, 10_000).Select(_ => (byte)random.Next(256)).ToArray();

        AssertMatchesReference(doubles, RunningMoments.Of(doubles));
        AssertMatchesReference(floats.Select(f => (double)f).ToArray(), RunningMoments.Of(floats));
        AssertMatchesReference(bytes.Select(b => (double)b).ToArray(), RunningMoments.Of(bytes));
    }

    /// <summary>Bytes are summed exactly on every path (histogram, portable vectors, AVX2), whatever the length and
    /// values: all-255 runs past the AVX2 path's 8,000-block flush would overflow a 32-bit lane without it.</summary>
    [Theory]
    [InlineData(1, 0)]
    [InlineData(31, 1)]
    [InlineData(32, 2)]
    [InlineData(33, 3)]
    [InlineData(3_072, 4)]
    [InlineData(256_000, 5)]
    [InlineData(600_017, 6)]
    public void OfBytes_IsExact(int length, int seed)
    {
        var random = new Random(seed);
        foreach (var bytes in new[] { Enumerable.Repeat((byte)255, length).ToArray(), Enumerable.Range(0, length).Select(_ => (byte)random.Next(256)).ToArray() })
        {
            long sum = 0;
            Int128 squares = 0;
            foreach (var b in bytes) { sum += b; squares += b * b; }
            var moments = RunningMoments.Of(bytes);
            Assert.Equal(length, moments.Count);
            Assert.Equal((double)sum / length, moments.Mean);
            Assert.Equal((double)(length * squares - (Int128)sum * sum) / length, moments.M2);
            Assert.Equal(bytes.Min(), moments.Min);
            Assert.Equal(bytes.Max(), moments.Max);
        }
    }

    [Fact]
    public void LargeOffsets_KeepTheVarianceWhereTheNaiveFormulaLosesIt()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 100_000).Select(_ => 1e9 + random.NextDouble()).ToArray();
        var reference = Reference(values);

        var moments = RunningMoments.Of(values);

        Assert.Equal(1, moments.Variance / reference.Variance, 1e-6);
        Assert.Equal(reference.Mean, moments.Mean, 1e-6);
        // The textbook E[x^2] - E[x]^2 in double: 1e18 - 1e18 leaves rounding noise of ~100, not ~1/12.
        double sum = 0, sumOfSquares = 0;
        foreach (var x in values)
        {
            sum += x;
            sumOfSquares += x * x;
        }
        var naive = sumOfSquares / values.Length - (sum / values.Length) * (sum / values.Length);
        Assert.True(Math.Abs(naive / reference.Variance - 1) > 1e-2, $"naive variance {naive} should be wrong");
    }

    [Fact]
    public void Merge_GivesTheSameResultForAnySplit()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 20_000).Select(_ => (float)(1e4 + random.NextDouble() * 10)).ToArray();
        var whole = RunningMoments.Of(values);

        for (var trial = 0; trial < 20; trial++)
        {
            var cuts = Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.Next(values.Length + 1))
                .Append(0).Append(values.Length).Order().ToArray();
            var merged = default(RunningMoments);
            // Merge in a scrambled order too: the formula is symmetric up to rounding.
            foreach (var i in Enumerable.Range(0, cuts.Length - 1).OrderBy(_ => random.Next()))
                merged = merged.Merge(RunningMoments.Of(values.AsSpan(cuts[i], cuts[i + 1] - cuts[i])));

            Assert.Equal(whole.Count, merged.Count);
            Assert.Equal(1, merged.Mean / whole.Mean, 1e-12);
            Assert.Equal(1, merged.M2 / whole.M2, 1e-12);
            Assert.Equal(whole.Min, merged.Min);
            Assert.Equal(whole.Max, merged.Max);
        }
    }

    [Fact]
    public void ConstantValues_HaveExactlyZeroVariance()
    {
        var floats = Enumerable.Repeat(0.1f, 100_003).ToArray();
        var doubles = Enumerable.Repeat(1e9 + 0.1, 5_000).ToArray();
        var bytes = Enumerable.Repeat((byte)200, 777).ToArray();

        foreach (var moments in new[] { RunningMoments.Of(floats), RunningMoments.Of(doubles), RunningMoments.Of(bytes) })
        {
            Assert.Equal(0, moments.M2);
            Assert.Equal(0, moments.StandardDeviation);
            Assert.Equal(moments.Min, moments.Mean);
        }
        Assert.Equal((double)0.1f, RunningMoments.Of(floats).Mean);

        var merged = RunningMoments.Of(floats.AsSpan(0, 333)).Merge(RunningMoments.Of(floats.AsSpan(333)));
        Assert.Equal(0, merged.M2);
        Assert.Equal((double)0.1f, merged.Mean);
        Assert.Equal(floats.Length, merged.Count);
    }

    [Fact]
    public void NonFiniteValues_AreIgnored()
    {
        float[] values = [1, float.NaN, 3, float.PositiveInfinity, float.NegativeInfinity, 5];

        var moments = RunningMoments.Of(values);

        Assert.Equal(3, moments.Count);
        Assert.Equal(3, moments.Mean);
        Assert.Equal(8, moments.M2, 1e-12);
        Assert.Equal(1, moments.Min);
        Assert.Equal(5, moments.Max);
        Assert.Equal(Math.Sqrt(8.0 / 3), moments.StandardDeviation, 1e-12);
    }

    [Fact]
    public void Empty_IsTheIdentityOfMerge()
    {
        var empty = RunningMoments.Of(ReadOnlySpan<double>.Empty);
        var some = RunningMoments.Of([2.0, 4.0]);

        Assert.Equal(0, empty.Count);
        Assert.True(double.IsNaN(empty.Variance));
        Assert.Equal(0, RunningMoments.Of([float.NaN]).Count);
        Assert.Equal(0, RunningMoments.Of(ReadOnlySpan<byte>.Empty).Count);
        Assert.Equal(some, some.Merge(empty));
        Assert.Equal(some, empty.Merge(some));
    }

    private static void AssertMatchesReference(double[] values, RunningMoments moments)
    {
        var reference = Reference(values);
        Assert.Equal(values.Length, moments.Count);
        Assert.Equal(reference.Mean, moments.Mean, 1e-12);
        Assert.Equal(1, moments.Variance / reference.Variance, 1e-12);
        Assert.Equal(values.Min(), moments.Min);
        Assert.Equal(values.Max(), moments.Max);
    }

    /// <summary>Two passes in decimal (28 digits), so the reference's own error is far below the tolerances.</summary>
    private static (double Mean, double Variance) Reference(double[] values)
    {
        var mean = values.Sum(v => (decimal)v) / values.Length;
        var m2 = values.Sum(v => ((decimal)v - mean) * ((decimal)v - mean));
        return ((double)mean, (double)(m2 / values.Length));
    }
}
