using DataScrub.Analysis.Batches;
using DataScrub.Findings;
using DataScrub.Reporting;

namespace DataScrub.Analysis.Masks;

/// <summary>Counts empty segmentation masks (each also an <c>empty-mask</c> sample finding) and derives,
/// per batch size, the probability that a shuffled batch holds only empty masks.</summary>
public sealed class MaskCoverage(IReadOnlyList<int> batchSizes) : IDatasetAnalysis
{
    private long _masks;
    private long _empty;

    /// <summary>The report section, after <see cref="Complete"/>; null when no sample had a mask.</summary>
    public MaskReport? Report { get; private set; }

    public void Observe(long sampleIndex, in SampleSummary summary)
    {
        if (summary.MaskEmpty is not { } empty) return;
        _masks++;
        if (empty) _empty++;
    }

    public IEnumerable<Finding> Complete()
    {
        if (_masks == 0) return [];
        var perBatch = batchSizes.Distinct().Order().ToDictionary(b => b, b => ShuffledBatchMath.AllInBatchProbability(_masks, _empty, b));
        Report = new MaskReport(_masks, _empty, (double)_empty / _masks, perBatch);
        return [];
    }
}
