using DataScrub.Analysis;
using DataScrub.Findings;

namespace DataScrub.Pipeline;

/// <summary>What a worker found in one batch: findings in sample order and one summary per sample.</summary>
internal sealed class BatchResult(long sequence, List<Finding> findings, SampleSummary[] summaries, long firstSampleIndex, long bytes,
    Analysis.Statistics.RunningMoments[] channelMoments, Analysis.Statistics.MeanImageAccumulator? mean)
{
    /// <summary>The batch's element-wise sums for the mean image, when asked for.</summary>
    public Analysis.Statistics.MeanImageAccumulator? Mean { get; } = mean;

    /// <summary>The batch's per-channel moments, merged in sample order (empty when no sample had statistics).</summary>
    public Analysis.Statistics.RunningMoments[] ChannelMoments { get; } = channelMoments;

    public long Sequence { get; } = sequence;

    public List<Finding> Findings { get; } = findings;

    public SampleSummary[] Summaries { get; } = summaries;

    public long FirstSampleIndex { get; } = firstSampleIndex;

    public long Bytes { get; } = bytes;
}
