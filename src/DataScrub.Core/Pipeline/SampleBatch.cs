using DataScrub.Samples;

namespace DataScrub.Pipeline;

/// <summary>Consecutive samples read together; <see cref="Sequence"/> restores their order after the
/// workers processed batches out of order.</summary>
internal sealed class SampleBatch(long sequence, Sample[] samples, int count, long bytes, long unit)
{
    /// <summary>The unit all the batch's samples belong to: a batch never spans two units.</summary>
    public long Unit { get; } = unit;

    public long Sequence { get; } = sequence;

    public Sample[] Samples { get; } = samples;

    public int Count { get; } = count;

    public long Bytes { get; } = bytes;
}
