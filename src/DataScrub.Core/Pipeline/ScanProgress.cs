namespace DataScrub.Pipeline;

/// <summary>Live counters of a running scan, written by the aggregator and read by a progress display
/// on another thread.</summary>
public sealed class ScanProgress
{
    private long _samples;
    private long _bytes;

    public long Samples => Interlocked.Read(ref _samples);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>What the store says it holds, when known.</summary>
    public long? ExpectedSamples { get; internal set; }

    internal void Add(long samples, long bytes)
    {
        Interlocked.Add(ref _samples, samples);
        Interlocked.Add(ref _bytes, bytes);
    }
}
