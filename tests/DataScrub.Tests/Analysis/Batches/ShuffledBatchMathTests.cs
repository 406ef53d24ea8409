using System.Numerics;
using DataScrub.Analysis.Batches;

namespace DataScrub.Tests.Analysis.Batches;

public class ShuffledBatchMathTests
{
    public static TheoryData<long[]> SmallMultisets => new()
    {
        new long[] { 1, 2, 3, 6 },
        new long[] { 5, 5 },
        new long[] { 1, 1, 1, 1, 8 },
        new long[] { 3, 4, 5 },
        new long[] { 0, 7, 0, 2 },
    };

    [Theory]
    [MemberData(nameof(SmallMultisets))]
    public void Probabilities_MatchAnEnumerationOfEverySubset(long[] counts)
    {
        var labels = counts.SelectMany((n, c) => Enumerable.Repeat(c, (int)n)).ToArray();
        var n = labels.Length;
        var classes = counts.Select((count, c) => (count, c)).Where(x => x.count > 0).Select(x => x.c).ToArray();
        // subsets[B] = (how many B-subsets, how many miss class c, how many miss any class, how many hold only class 0's samples)
        var subsets = new long[n + 1];
        var missingClass = new long[n + 1, counts.Length];
        var missingAny = new long[n + 1];
        var onlyFirstPresentClass = new long[n + 1];
        for (var mask = 1; mask < 1 << n; mask++)
        {
            var size = BitOperations.PopCount((uint)mask);
            var present = new bool[counts.Length];
            for (var i = 0; i < n; i++)
                if ((mask >> i & 1) != 0)
                    present[labels[i]] = true;
            subsets[size]++;
            foreach (var c in classes)
                if (!present[c])
                    missingClass[size, c]++;
            if (classes.Any(c => !present[c]))
                missingAny[size]++;
            if (classes.All(c => c == classes[0] || !present[c]))
                onlyFirstPresentClass[size]++;
        }

        var batchSizes = Enumerable.Range(1, n).ToArray();
        var any = ShuffledBatchMath.AnyClassMissProbabilities(counts, batchSizes);
        for (var b = 1; b <= n; b++)
        {
            foreach (var c in classes)
                Assert.Equal((double)missingClass[b, c] / subsets[b], ShuffledBatchMath.ClassAbsentProbability(n, counts[c], b), 1e-12);
            Assert.Equal((double)onlyFirstPresentClass[b] / subsets[b],
                ShuffledBatchMath.AllInBatchProbability(n, counts[classes[0]], b), 1e-12);
            var result = any[b - 1];
            Assert.True(result.Exact);
            Assert.Equal(b, result.BatchSize);
            Assert.Equal(0, result.ErrorBound);
            Assert.Equal((double)missingAny[b] / subsets[b], result.Probability, 1e-12);
            // Not bit-identical: a programme up to a different size puts j at another place in the vector lanes.
            Assert.Equal(result.Probability, ShuffledBatchMath.AnyClassMissProbability(counts, b).Probability, 1e-15);
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void AnyClassMiss_AgreesWithSimulatedShuffles(int batchSize)
    {
        long[] counts = [4000, 2500, 1500, 1000, 500, 300, 150, 40, 8, 2];
        var labels = counts.SelectMany((n, c) => Enumerable.Repeat(c, (int)n)).ToArray();
        var random = new Random(20240607);
        const int trials = 200_000;
        var misses = 0;
        var seen = new int[counts.Length];
        for (var trial = 1; trial <= trials; trial++)
        {
            // Partial Fisher-Yates: the first batchSize slots become a uniform batchSize-subset, whatever the
            // array's current order, so the array need not be restored between trials.
            var distinct = 0;
            for (var i = 0; i < batchSize; i++)
            {
                var j = random.Next(i, labels.Length);
                (labels[i], labels[j]) = (labels[j], labels[i]);
                if (seen[labels[i]] != trial)
                {
                    seen[labels[i]] = trial;
                    distinct++;
                }
            }
            if (distinct < counts.Length)
                misses++;
        }

        var p = ShuffledBatchMath.AnyClassMissProbability(counts, batchSize).Probability;
        // Binomial standard error of the simulated frequency; 5 of them make a false failure a ~1e-6 event.
        var tolerance = 5 * Math.Sqrt(p * (1 - p) / trials);
        Assert.InRange((double)misses / trials, p - tolerance, p + tolerance);
    }

    [Fact]
    public void BalancedTenClasses_AtBatchSize32_MissAClassInAbout30PercentOfBatches()
    {
        var result = ShuffledBatchMath.AnyClassMissProbability(Enumerable.Repeat(5000L, 10).ToArray(), 32);

        Assert.True(result.Exact);
        Assert.InRange(result.Probability, 0.28, 0.32);
        // With replacement, by inclusion-exclusion: P(miss) = 1 - sum_k (-1)^k C(10, k) (1 - k/10)^32.
        double allPresent = 0, binomial = 1;
        for (var k = 0; k <= 10; k++)
        {
            allPresent += (k % 2 == 0 ? 1 : -1) * binomial * Math.Pow(1 - k / 10.0, 32);
            binomial = binomial * (10 - k) / (k + 1);
        }
        Assert.Equal(1 - allPresent, result.Probability, 0.01);
    }

    [Theory]
    [InlineData(10_000_000_000L, 10_000_000L, 1000)]
    [InlineData(10_000_000_000L, 3L, 5000)]
    [InlineData(10_000_000_000L, 9_000_000_000L, 300)]
    [InlineData(123_456_789L, 1_234L, 4000)]
    public void ClassAbsent_ForHugeDatasets_MatchesExactRationalArithmetic(long total, long classCount, int batchSize)
    {
        BigInteger numerator = 1, denominator = 1;
        for (var i = 0; i < batchSize; i++)
        {
            numerator *= total - classCount - i;
            denominator *= total - i;
        }
        // Scale the exact ratio to ~2^100 so the integer quotient carries more digits than a double.
        var shift = 100 + (int)(denominator.GetBitLength() - numerator.GetBitLength());
        var expected = Math.ScaleB((double)(numerator * BigInteger.Pow(2, shift) / denominator), -shift);

        var actual = ShuffledBatchMath.ClassAbsentProbability(total, classCount, batchSize);

        Assert.Equal(1, actual / expected, 1e-10);
        if (classCount == 10_000_000L)
            Assert.Equal(Math.Pow(1 - 1e-3, 1000), actual, 1e-4); // the with-replacement approximation, roughly
    }

    [Theory]
    [InlineData(10L)]
    [InlineData(10_000L)]
    [InlineData(100_000L)]
    public void ClassAbsent_ForAMillionDraws_MatchesItsPowerSeries(long classCount)
    {
        // log P = sum_i log(1 - x_i), x_i = n / (N - i) <= 1e-5, = -sum_k (n^k / k) * sum_i (N - i)^-k; with
        // N = 1e10 and B = 1e6 the k = 4 term is below 1e-19, so three terms are exact to double precision.
        const long total = 10_000_000_000L;
        const int batchSize = 1_000_000;
        double h1 = 0, h2 = 0, h3 = 0;
        for (var i = batchSize - 1; i >= 0; i--)
        {
            var inverse = 1.0 / (total - i);
            h1 += inverse;
            h2 += inverse * inverse;
            h3 += inverse * inverse * inverse;
        }
        double n = classCount;
        var expected = Math.Exp(-n * h1 - n * n * h2 / 2 - n * n * n * h3 / 3);

        Assert.Equal(1, ShuffledBatchMath.ClassAbsentProbability(total, classCount, batchSize) / expected, 1e-11);
    }

    [Fact]
    public void TrivialCases_NeedNoComputation()
    {
        Assert.Equal(0, ShuffledBatchMath.AnyClassMissProbability([], 5).Probability);
        Assert.Equal(0, ShuffledBatchMath.AnyClassMissProbability([0, 40, 0], 5).Probability);
        Assert.Equal(0, ShuffledBatchMath.AnyClassMissProbability([3, 4], 7).Probability);
        Assert.Equal(0, ShuffledBatchMath.AnyClassMissProbability([3, 4], 1000).Probability);
        Assert.Equal(1, ShuffledBatchMath.AnyClassMissProbability([3, 4, 5], 2).Probability);
        Assert.Equal(0, ShuffledBatchMath.AnyClassMissProbability([3, 40], 41).Probability); // 2 left out < 3
        Assert.Equal(1, ShuffledBatchMath.ClassAbsentProbability(10, 0, 4));
        Assert.Equal(0, ShuffledBatchMath.ClassAbsentProbability(10, 7, 4));
        Assert.Equal(0, ShuffledBatchMath.ClassAbsentProbability(10, 1, 50)); // batch capped at the dataset
        Assert.Equal(1, ShuffledBatchMath.AllInBatchProbability(10, 10, 50));
        Assert.Equal(0, ShuffledBatchMath.AllInBatchProbability(10, 9, 50));
    }

    [Fact]
    public void InvalidArguments_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ShuffledBatchMath.ClassAbsentProbability(-1, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShuffledBatchMath.ClassAbsentProbability(10, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShuffledBatchMath.ClassAbsentProbability(10, 11, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShuffledBatchMath.ClassAbsentProbability(10, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShuffledBatchMath.AllInBatchProbability(10, 11, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShuffledBatchMath.AnyClassMissProbability([3, -1], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShuffledBatchMath.AnyClassMissProbability([3, 1], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShuffledBatchMath.RecommendedBatchSize([3, 1], 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShuffledBatchMath.RecommendedBatchSize([3, 1], double.NaN));
    }

    [Fact]
    public void Results_DoNotDependOnClassOrder()
    {
        long[] counts = [700, 3, 90, 45, 1200, 12];
        var reference = ShuffledBatchMath.AnyClassMissProbabilities(counts, [6, 50, 300]);
        var shuffled = ShuffledBatchMath.AnyClassMissProbabilities([12, 1200, 45, 90, 3, 700], [6, 50, 300]);
        Assert.Equal(reference, shuffled);
    }

    public static TheoryData<long[], int> BoundCases => new()
    {
        { new long[] { 1, 2, 3, 6 }, 4 },
        { new long[] { 500, 300, 120, 60, 20, 5 }, 40 },
        { new long[] { 500, 300, 120, 60, 20, 5 }, 200 },
        { new long[] { 900, 900, 900, 900, 30, 30 }, 64 },
        { Enumerable.Repeat(5000L, 10).ToArray(), 32 },
        { Enumerable.Repeat(5000L, 10).ToArray(), 128 },
    };

    [Theory]
    [MemberData(nameof(BoundCases))]
    public void Bounds_WhenTheExactProgrammeIsTooMuchWork_BracketTheExactValue(long[] counts, int batchSize)
    {
        var exact = ShuffledBatchMath.AnyClassMissProbability(counts, batchSize).Probability;
        var withPairs = ShuffledBatchMath.AnyClassMissProbabilities(counts, [batchSize], exactWorkLimit: 0, pairWorkLimit: 1e12)[0];
        var unionOnly = ShuffledBatchMath.AnyClassMissProbabilities(counts, [batchSize], exactWorkLimit: 0, pairWorkLimit: 0)[0];

        var total = counts.Sum();
        var s1 = counts.Sum(n => ShuffledBatchMath.ClassAbsentProbability(total, n, batchSize));
        double s2 = 0;
        for (var c = 0; c < counts.Length; c++)
            for (var d = c + 1; d < counts.Length; d++)
                s2 += ShuffledBatchMath.ClassAbsentProbability(total, counts[c] + counts[d], batchSize);
        var largestSingle = counts.Max(n => ShuffledBatchMath.ClassAbsentProbability(total, n, batchSize));

        const double slack = 1e-12;
        Assert.InRange(exact, s1 - s2 - slack, s1 + slack);
        foreach (var bound in new[] { withPairs, unionOnly })
        {
            Assert.False(bound.Exact);
            Assert.Equal(Math.Min(s1, 1), bound.Probability, 1e-12);
            Assert.InRange(exact, bound.Probability - bound.ErrorBound - slack, bound.Probability + slack);
        }
        Assert.Equal(Math.Min(s1, 1) - Math.Max(Math.Max(s1 - s2, largestSingle), 0), withPairs.ErrorBound, 1e-12);
        Assert.Equal(Math.Min(s1, 1) - largestSingle, unionOnly.ErrorBound, 1e-12);
    }

    [Fact]
    public void AnyClassMissProbabilities_ComputeExactlyWhatFitsTheWorkLimit()
    {
        long[] counts = [500, 300, 120, 60, 20, 5];
        // 6 classes: 6 * 40^2 = 9600 is within a 10,000 limit, 6 * 200^2 is not.
        var results = ShuffledBatchMath.AnyClassMissProbabilities(counts, [200, 40], exactWorkLimit: 10_000, pairWorkLimit: 1e12);
        Assert.False(results[0].Exact);
        Assert.True(results[1].Exact);
        Assert.Equal(ShuffledBatchMath.AnyClassMissProbability(counts, 40).Probability, results[1].Probability, 1e-15);
    }

    public static TheoryData<long[], double> RecommendationCases => new()
    {
        { new long[] { 1, 2, 3, 6 }, 0.5 },
        { new long[] { 1, 2, 3, 6 }, 0.05 },
        { new long[] { 1, 2, 3, 6 }, 0 },
        { new long[] { 500, 300, 120, 60, 20, 5 }, 0.01 },
        { new long[] { 500, 300, 120, 60, 20, 5 }, 0.3 },
        { Enumerable.Repeat(50L, 10).ToArray(), 0.001 },
        { Enumerable.Repeat(50L, 10).ToArray(), 0.3 },
        { new long[] { 40, 40, 40, 40, 40, 40, 2 }, 0.1 },
    };

    [Theory]
    [MemberData(nameof(RecommendationCases))]
    public void RecommendedBatchSize_IsTheSmallestBatchSizeThatReachesTheThreshold(long[] counts, double threshold)
    {
        var total = (int)counts.Sum();
        var all = ShuffledBatchMath.AnyClassMissProbabilities(counts, Enumerable.Range(1, total).ToArray());
        var scanned = all.First(r => r.Probability <= threshold).BatchSize;

        var recommendation = ShuffledBatchMath.RecommendedBatchSize(counts, threshold);

        Assert.Equal(new BatchSizeRecommendation(scanned, Exact: true), recommendation);
        Assert.True(ShuffledBatchMath.AnyClassMissProbability(counts, scanned).Probability <= threshold);
        if (scanned > 1)
            Assert.True(ShuffledBatchMath.AnyClassMissProbability(counts, scanned - 1).Probability > threshold);
    }

    [Theory]
    [MemberData(nameof(RecommendationCases))]
    public void RecommendedBatchSize_WithoutTheExactProgramme_IsTheUnionBoundsAnswer(long[] counts, double threshold)
    {
        var total = counts.Sum();
        var unionBound = (int b) => counts.Sum(n => ShuffledBatchMath.ClassAbsentProbability(total, n, b));
        var expected = Enumerable.Range(1, (int)total).First(b => unionBound(b) <= threshold);

        var recommendation = ShuffledBatchMath.RecommendedBatchSize(counts, threshold, limit: 1 << 20, exactWorkLimit: 0);

        Assert.Equal(new BatchSizeRecommendation(expected, Exact: false), recommendation);
        Assert.True(ShuffledBatchMath.AnyClassMissProbability(counts, expected).Probability <= threshold);
    }

    [Fact]
    public void RecommendedBatchSize_EdgeCases()
    {
        Assert.Equal(new BatchSizeRecommendation(1, true), ShuffledBatchMath.RecommendedBatchSize([], 0.01));
        Assert.Equal(new BatchSizeRecommendation(1, true), ShuffledBatchMath.RecommendedBatchSize([0, 9], 0));
        Assert.Equal(new BatchSizeRecommendation(1, true), ShuffledBatchMath.RecommendedBatchSize([4, 9], 1));
        // A 1-in-100,000 class needs batches of ~1e5 to show up with 50% chance: none within a limit of 1000.
        Assert.Null(ShuffledBatchMath.RecommendedBatchSize([1, 99_999], 0.5, limit: 1000));
        // Balanced large dataset: the exact search still runs (10 classes * ~100^2).
        var balanced = ShuffledBatchMath.RecommendedBatchSize(Enumerable.Repeat(100_000L, 10).ToArray(), 1e-3);
        Assert.NotNull(balanced);
        Assert.True(balanced.Exact);
        var counts = Enumerable.Repeat(100_000L, 10).ToArray();
        Assert.True(ShuffledBatchMath.AnyClassMissProbability(counts, balanced.BatchSize).Probability <= 1e-3);
        Assert.True(ShuffledBatchMath.AnyClassMissProbability(counts, balanced.BatchSize - 1).Probability > 1e-3);
    }

    [Fact]
    public void ExpectedMissingBatchesPerEpoch_IsTheProbabilityTimesTheBatchCount()
    {
        var result = new BatchMissResult(32, 0.25, Exact: true, ErrorBound: 0);
        Assert.Equal(0.25 * 4, result.ExpectedMissingBatchesPerEpoch(100));
        Assert.Equal(0.25 * 3, result.ExpectedMissingBatchesPerEpoch(96));
    }
}
