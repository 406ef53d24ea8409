using DataScrub.Samples;

namespace DataScrub.Pipeline;

/// <summary>Consecutive samples read together; <see cref="Sequence"/> restores their order after the
/// workers processed batches out of order.</summary>
internal sealed class SampleBatch(long sequence, Sample[] samples, int count, long bytes)
{
    public long Sequence { get; } = sequence;

    public Sample[] Samples { get; } = samples;

    public int Count { get; } = count;

    public long Bytes { get; } = bytes;
}
