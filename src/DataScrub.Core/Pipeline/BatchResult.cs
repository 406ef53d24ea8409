using DataScrub.Analysis;
using DataScrub.Findings;

namespace DataScrub.Pipeline;

/// <summary>What a worker made of one batch: its findings in sample order and each analysis's state of the batch.</summary>
internal sealed class BatchResult(long sequence, List<Finding> findings, IAnalysisState[] states, int samples, long bytes, long unit)
{
    public long Unit { get; } = unit;

    public long Sequence { get; } = sequence;

    public List<Finding> Findings { get; } = findings;

    /// <summary>One state per analysis, in the scan's analysis order.</summary>
    public IAnalysisState[] States { get; } = states;

    public int Samples { get; } = samples;

    public long Bytes { get; } = bytes;
}
