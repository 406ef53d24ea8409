namespace DataScrub.Analysis.Labels;

/// <summary>The <c>labels</c> analysis of one dataset: K, absent classes and, per batch size, how often
/// batches miss a class (shuffled: probabilities; storage order: exact counts).</summary>
public sealed record ClassBalanceReport
{
    public long NumClasses { get; init; }

    /// <summary>True when K was not given (<c>--num-classes</c>) but taken from the class folders or max label + 1.</summary>
    public bool Inferred { get; init; }

    /// <summary>Where K came from: <c>option</c> (--num-classes), <c>class-folders</c>, <c>max-label</c> (the largest
    /// label + 1) or <c>dense-labels</c> (the largest label below a few far ones + 1).</summary>
    public string NumClassesFrom { get; init; } = "max-label";

    /// <summary>Labels far above the dense set K was inferred from (reported as <c>label-out-of-range</c>).</summary>
    public IReadOnlyList<long> FarLabels { get; init; } = [];

    /// <summary>Why the inferred K is doubtful (a few samples with labels far above the rest), or null.</summary>
    public string? Warning { get; init; }

    /// <summary>Samples with a label in [0, K): the N of the batch mathematics.</summary>
    public long Labelled { get; init; }

    /// <summary>The absent classes, the first <c>ClassBalanceAnalysis.AbsentNamed</c> of them.</summary>
    public IReadOnlyList<long> Absent { get; init; } = [];

    /// <summary>All absent classes, named or not.</summary>
    public long AbsentCount { get; init; }

    public IReadOnlyList<BatchSizeReport> Batches { get; init; } = [];
}

/// <summary>One batch size's view of the classes.</summary>
/// <param name="ClassMissProbabilities">Class → P(absent from a shuffled batch), for the classes above the miss threshold.</param>
/// <param name="AnyClassMissProbability">P(a shuffled batch misses at least one class present).</param>
/// <param name="Exact">False when only a bound was computable; <paramref name="ErrorBound"/> then says how far off it can be.</param>
/// <param name="ExpectedMissingBatchesPerEpoch">Batches per epoch x the probability above.</param>
/// <param name="StorageOrderBatches">Batches of an unshuffled epoch (consecutive windows, the last wrapping around).</param>
/// <param name="StorageOrderMissing">Of those, the batches that miss a class present.</param>
/// <param name="RecommendedBatchSize">The smallest batch size whose miss probability is within the threshold (null when none up to the limit).</param>
/// <param name="RecommendationExact">False when the recommendation comes from the union bound (sufficient, maybe not minimal).</param>
public sealed record BatchSizeReport(
    int BatchSize,
    IReadOnlyDictionary<long, double> ClassMissProbabilities,
    double AnyClassMissProbability,
    bool Exact,
    double ErrorBound,
    double ExpectedMissingBatchesPerEpoch,
    long StorageOrderBatches,
    long StorageOrderMissing,
    int? RecommendedBatchSize,
    bool RecommendationExact)
{
    /// <summary>The distinct classes of storage-order batches, in runs of consecutive batches: for the <c>profile</c>
    /// section (not written in <c>labels</c>).</summary>
    public IReadOnlyList<Profile.BatchCoveragePoint> StorageOrderCoverage { get; init; } = [];
}
