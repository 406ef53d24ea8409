using System.Numerics.Tensors;
using DataScrub.Analysis.Statistics;

namespace DataScrub.Analysis.Batches;

/// <summary>
/// Probabilities about batches drawn from a uniformly shuffled dataset: a batch of B samples is a uniformly random
/// B-subset of the N samples (drawn without replacement, hypergeometric). Only classes with a positive count matter.
/// A batch size above N is treated as N: a batch cannot hold more samples than the dataset has.
/// </summary>
public static class ShuffledBatchMath
{
    /// <summary>
    /// Largest K * B^2 (classes times batch size squared) computed with the exact dynamic programme; above it,
    /// Bonferroni bounds are reported instead. The programme does about K * B^2 / 2 vectorised steps of ~0.9 ns:
    /// at this limit 1.1 to 1.9 s on one core of a 2-core AMD EPYC container (K = 10, B = 20000: 1.7 s;
    /// K = 100, B = 6300: 1.9 s; K = 1000, B = 2000: 1.1 s).
    /// </summary>
    public const double ExactWorkLimit = 4e9;

    /// <summary>
    /// Largest (distinct-count pairs) * B for the second Bonferroni sum S2, in logarithm terms of ~8.6 ns (measured
    /// 2.2 s for 2.6e8); above it only the union bound and max_c P(class c absent) are reported.
    /// </summary>
    public const double PairWorkLimit = 2e8;

    // Math.Exp of anything below this is exactly 0; log sums only decrease, so summing can stop there.
    private const double UnderflowLog = -746;

    /// <summary>
    /// P(a batch holds none of the <paramref name="classCount"/> samples of a class) =
    /// C(N - n_c, B) / C(N, B), to a relative error of ~1e-12 for N up to 10^10 and B up to 10^6.
    /// </summary>
    /// <param name="total">N, the dataset size.</param>
    /// <param name="classCount">n_c, samples of the class (0 gives 1).</param>
    /// <param name="batchSize">B; values above N are treated as N.</param>
    public static double ClassAbsentProbability(long total, long classCount, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfNegative(classCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classCount, total);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return AbsentProbability(total, classCount, batchSize);
    }

    /// <summary>
    /// P(every sample of a batch is one of <paramref name="marked"/> samples) = C(marked, B) / C(N, B), e.g. a
    /// batch made only of samples with empty masks. Same precision and batch size cap as
    /// <see cref="ClassAbsentProbability"/>.
    /// </summary>
    public static double AllInBatchProbability(long total, long marked, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfNegative(marked);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(marked, total);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        // All marked <=> none of the unmarked.
        return AbsentProbability(total, total - marked, batchSize);
    }

    /// <summary>
    /// P(a batch misses at least one class with a positive count); N is the sum of the counts.
    /// Exact when classes * B^2 is within <see cref="ExactWorkLimit"/>, otherwise Bonferroni bounds
    /// (see <see cref="BatchMissResult"/>). One class, no classes, or B &gt;= N give exactly 0.
    /// </summary>
    public static BatchMissResult AnyClassMissProbability(IReadOnlyList<long> classCounts, int batchSize) =>
        AnyClassMissProbabilities(classCounts, [batchSize])[0];

    /// <summary>
    /// <see cref="AnyClassMissProbability"/> for several batch sizes, sharing one dynamic programme up to the
    /// largest batch size that is within the work limit. Results are in the order of <paramref name="batchSizes"/>.
    /// </summary>
    public static IReadOnlyList<BatchMissResult> AnyClassMissProbabilities(
        IReadOnlyList<long> classCounts, IReadOnlyList<int> batchSizes) =>
        AnyClassMissProbabilities(classCounts, batchSizes, ExactWorkLimit, PairWorkLimit);

    internal static IReadOnlyList<BatchMissResult> AnyClassMissProbabilities(
        IReadOnlyList<long> classCounts, IReadOnlyList<int> batchSizes, double exactWorkLimit, double pairWorkLimit)
    {
        var profile = new ClassCountProfile(classCounts);
        ArgumentNullException.ThrowIfNull(batchSizes);
        var largestExactDraws = 0;
        foreach (var batchSize in batchSizes)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1, nameof(batchSizes));
            var draws = Draws(profile, batchSize);
            if (TrivialMiss(profile, draws) is null && IsExactAffordable(profile, draws, exactWorkLimit))
                largestExactDraws = Math.Max(largestExactDraws, draws);
        }

        var allPresent = largestExactDraws > 0
            ? AllClassesPresentDistribution.Compute(profile.SortedCounts, largestExactDraws)
            : null;
        var results = new BatchMissResult[batchSizes.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var batchSize = batchSizes[i];
            var draws = Draws(profile, batchSize);
            results[i] = TrivialMiss(profile, draws) is null && !IsExactAffordable(profile, draws, exactWorkLimit)
                ? Bounds(profile, batchSize, draws, pairWorkLimit)
                : new BatchMissResult(batchSize, Miss(profile, allPresent, draws), Exact: true, ErrorBound: 0);
        }
        return results;
    }

    /// <summary>
    /// The smallest batch size B &lt;= <paramref name="limit"/> with P(miss any class) &lt;= <paramref name="maxMissProbability"/>,
    /// or null when no batch size up to <paramref name="limit"/> is known to reach it (only possible when the limit is
    /// below the dataset size: a batch of the whole dataset never misses a class).
    /// </summary>
    /// <remarks>
    /// The answer is bracketed by B_low, the smallest B with max_c P(class c absent) &lt;= threshold (necessary, since
    /// P(miss) is at least that), and B_high, the smallest B with the union bound sum_c P(class c absent) &lt;= threshold
    /// (sufficient). Both come from one incremental scan over B, since P(class absent) at B + 1 is P at B times one
    /// factor: the scan costs (distinct counts) * B_high multiplications (~1 s for 1000 distinct counts and
    /// B_high = 10^6), less than a binary search that recomputes each O(B) product. P(miss) does not increase with B (a (B+1)-subset contains a B-subset), so the exact
    /// answer is the first B in [B_low, B_high] that passes, found by one dynamic programme up to B_high when
    /// classes * B_high^2 is within <see cref="ExactWorkLimit"/>; otherwise B_high is returned as not exact.
    /// </remarks>
    public static BatchSizeRecommendation? RecommendedBatchSize(
        IReadOnlyList<long> classCounts, double maxMissProbability, int limit = 1 << 20) =>
        RecommendedBatchSize(classCounts, maxMissProbability, limit, ExactWorkLimit);

    internal static BatchSizeRecommendation? RecommendedBatchSize(
        IReadOnlyList<long> classCounts, double maxMissProbability, int limit, double exactWorkLimit)
    {
        var profile = new ClassCountProfile(classCounts);
        if (!(maxMissProbability is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(maxMissProbability), maxMissProbability, "must be in [0, 1]");
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (profile.Classes <= 1 || maxMissProbability >= 1)
            return new BatchSizeRecommendation(1, Exact: true);

        var (low, high) = Bracket(profile, maxMissProbability, (int)Math.Min(limit, profile.Total));
        if (low is null)
            return null;
        var sufficient = high is { } h ? new BatchSizeRecommendation(h, Exact: false) : null;
        var top = high ?? (int)Math.Min(limit, profile.Total);
        if (!IsExactAffordable(profile, top, exactWorkLimit))
            return sufficient;

        var allPresent = AllClassesPresentDistribution.Compute(profile.SortedCounts, top);
        for (var b = Math.Max(low.Value, profile.Classes); b <= top; b++)
        {
            if (Miss(profile, allPresent, b) <= maxMissProbability)
                return new BatchSizeRecommendation(b, Exact: true);
        }
        // Only floating-point noise at the union bound's own answer can land here.
        return sufficient;
    }

    /// <summary>(B_low, B_high) of <see cref="RecommendedBatchSize(IReadOnlyList{long}, double, int)"/>, each null if not reached by <paramref name="cap"/>.</summary>
    private static (int? Low, int? High) Bracket(ClassCountProfile profile, double threshold, int cap)
    {
        // Nothing reaches the threshold by the cap if the likeliest absence alone does not: an O(cap) check that
        // spares the O(distinct counts * cap) scan below in the hopeless case.
        var total = profile.Total;
        if (AbsentProbability(total, profile.SmallestCount, cap) > threshold)
            return (null, null);

        // One incremental scan over B: P(class absent) at B + 1 is P at B times (N - n - B) / (N - B). The running
        // product drifts by ~B ulps (1e-10 relative at B = 10^6), harmless for a bracket; the exact answer is
        // re-checked by the dynamic programme, and an inexact one only claims the union bound.
        var groups = profile.DistinctCounts;
        var outsideClass = groups.Select(g => (double)(total - g.Count)).ToArray();
        var multiplicity = groups.Select(g => (double)g.Multiplicity).ToArray();
        var absent = new double[groups.Count];
        absent.AsSpan().Fill(1);
        var factor = new double[groups.Count];
        int? low = null;
        for (var b = 1; b <= cap; b++)
        {
            long drawn = b - 1;
            TensorPrimitives.Subtract(outsideClass, drawn, factor);
            TensorPrimitives.Divide(factor, total - drawn, factor);
            // Negative once a class's outside samples are used up: P(absent) is 0 from there on.
            TensorPrimitives.Max(factor, 0, factor);
            TensorPrimitives.Multiply(absent, factor, absent);
            double unionBound = 0;
            for (var g = 0; g < absent.Length; g++)
            {
                // Subnormal products are ~100x slower; anything this small cannot move a probability.
                if (absent[g] < 1e-300)
                    absent[g] = 0;
                unionBound += absent[g] * multiplicity[g];
            }
            // Group 0 is the smallest class, the likeliest to be absent.
            if (low is null && absent[0] <= threshold)
                low = b;
            if (unionBound <= threshold)
                return (low ?? b, b);
        }
        return (low, null);
    }

    internal static double AbsentProbability(long total, long absentCount, long batchSize)
    {
        if (absentCount == 0)
            return 1;
        var draws = Math.Min(batchSize, total);
        if (total - absentCount < draws)
            return 0;
        // prod (1 - n/(N - i)) via log(1 + x): the factors are within 1e-10 of 1 for huge N, where Log would lose them.
        var logSum = new CompensatedSum();
        double n = absentCount;
        for (long i = 0; i < draws; i++)
        {
            logSum.Add(PreciseLog.OnePlus(-n / (total - i)));
            if (logSum.Value < UnderflowLog)
                return 0;
        }
        return Math.Exp(logSum.Value);
    }

    private static int Draws(ClassCountProfile profile, int batchSize) => (int)Math.Min(batchSize, profile.Total);

    private static bool IsExactAffordable(ClassCountProfile profile, int draws, double workLimit) =>
        (double)profile.Classes * draws * draws <= workLimit;

    /// <summary>The miss probability when it follows from counting alone, else null.</summary>
    private static double? TrivialMiss(ClassCountProfile profile, int draws)
    {
        if (profile.Classes <= 1 || draws > profile.Total - profile.SmallestCount)
            return 0; // the samples left out cannot hold a whole class
        if (draws < profile.Classes)
            return 1;
        return null;
    }

    private static double Miss(ClassCountProfile profile, double[]? allPresent, int draws) =>
        TrivialMiss(profile, draws) ?? Math.Clamp(1 - allPresent![draws], 0, 1);

    private static BatchMissResult Bounds(ClassCountProfile profile, int batchSize, int draws, double pairWorkLimit)
    {
        var groups = profile.DistinctCounts;
        var total = profile.Total;
        double unionBound = 0;
        foreach (var (count, multiplicity) in groups)
            unionBound += multiplicity * AbsentProbability(total, count, draws);
        var lower = Math.Max(0, AbsentProbability(total, groups[0].Count, draws));

        var pairGroups = (double)groups.Count * (groups.Count + 1) / 2;
        if (pairGroups * draws <= pairWorkLimit)
        {
            double pairSum = 0;
            for (var a = 0; a < groups.Count; a++)
            {
                for (var b = a; b < groups.Count; b++)
                {
                    var pairs = a == b
                        ? groups[a].Multiplicity * (groups[a].Multiplicity - 1.0) / 2
                        : (double)groups[a].Multiplicity * groups[b].Multiplicity;
                    if (pairs > 0)
                        pairSum += pairs * AbsentProbability(total, groups[a].Count + groups[b].Count, draws);
                }
            }
            lower = Math.Max(lower, unionBound - pairSum);
        }

        var upper = Math.Min(unionBound, 1);
        return new BatchMissResult(batchSize, upper, Exact: false, ErrorBound: Math.Max(0, upper - lower));
    }
}
