namespace DataScrub.Analysis.Batches;

/// <summary>
/// Probability that one uniformly shuffled batch of <paramref name="BatchSize"/> samples misses at least one
/// class present in the dataset.
/// </summary>
/// <param name="BatchSize">The batch size asked about (batch sizes above the dataset size behave as the dataset size).</param>
/// <param name="Probability">
/// When <paramref name="Exact"/>: the probability, to an absolute floating-point error of ~1e-12 (it is computed
/// as 1 - P(all classes present), so values below ~1e-12 carry little relative precision). Otherwise the union
/// (Bonferroni) upper bound S1 = sum_c P(class c absent), capped at 1.
/// </param>
/// <param name="Exact">True when computed by the exact dynamic programme (or a trivial case).</param>
/// <param name="ErrorBound">
/// 0 when exact. Otherwise the true probability lies in [Probability - ErrorBound, Probability]: the lower end is
/// the best of S1 - S2 (S2 = sum over class pairs of P(both absent)), max_c P(class c absent) and 0; when S2 was
/// too much work the lower end is only max_c P(class c absent).
/// </param>
public sealed record BatchMissResult(int BatchSize, double Probability, bool Exact, double ErrorBound)
{
    /// <summary>
    /// Expected number of batches per epoch that miss a class: Probability * ceil(total / BatchSize), where
    /// <paramref name="total"/> is the dataset size (labelled or not) the batches are drawn from.
    /// </summary>
    /// <remarks>
    /// Treats every batch of the epoch as a uniform sample, which is exact in expectation for the full batches of
    /// a shuffled epoch (each is a uniformly random subset); the last, smaller batch is counted at the same rate.
    /// </remarks>
    public double ExpectedMissingBatchesPerEpoch(long total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        return Probability * ((total + BatchSize - 1) / BatchSize);
    }
}
