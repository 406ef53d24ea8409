using DataScrub.Analysis;
using DataScrub.Findings;

namespace DataScrub.Pipeline;

/// <summary>What a worker found in one batch: findings in sample order and one summary per sample.</summary>
internal sealed class BatchResult(long sequence, List<Finding> findings, SampleSummary[] summaries, long firstSampleIndex, long bytes)
{
    public long Sequence { get; } = sequence;

    public List<Finding> Findings { get; } = findings;

    public SampleSummary[] Summaries { get; } = summaries;

    public long FirstSampleIndex { get; } = firstSampleIndex;

    public long Bytes { get; } = bytes;
}
