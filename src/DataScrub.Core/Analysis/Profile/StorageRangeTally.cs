using DataScrub.Samples;

namespace DataScrub.Analysis.Profile;

/// <summary>
/// Samples with an error and with only warnings per stretch of storage order, in at most <see cref="MaxRanges"/>
/// stretches of a power-of-two width (<see cref="PowerOfTwoBuckets{TBucket}"/>: the final width is the smallest that
/// covers the dataset within the cap, whatever the batches and threads), each with the keys it starts and ends with.
/// </summary>
/// <remarks>
/// Ids are made only at range boundaries: the first key when a range gets its first sample, the last key when the next
/// range starts or the run ends. For that, the last sample's key bytes are copied into a reused buffer (a copy of a
/// few dozen bytes per sample, no allocation). A run that starts at the width the dataset so far reached (the
/// analysis's hint) makes a few ids per batch rather than one per sample.
/// </remarks>
public sealed class StorageRangeTally
{
    /// <summary>The most ranges, whatever the number of samples.</summary>
    public const int MaxRanges = 128;

    private readonly PowerOfTwoBuckets<RangeBucket> _ranges;
    private byte[] _lastKey = [];
    private int _lastKeyLength;

    /// <summary>The index after the last range's, while it is the range the next sample may fall into (0: look it up).</summary>
    private long _lastRangeEnd;

    /// <param name="width">The starting width: 1, or one the whole dataset will reach (the width of the dataset so far).</param>
    public StorageRangeTally(long width = 1) => _ranges = new PowerOfTwoBuckets<RangeBucket>(MaxRanges, width);

    /// <summary>Samples per range: a power of two.</summary>
    public long Width => _ranges.Width;

    /// <summary>The next sample in storage order (its id is made only when it starts a range).</summary>
    public void Observe(in AnalysedSample sample, SampleOutcome outcome) => Observe(sample.Index, sample.Key, outcome);

    /// <summary>The sample at <paramref name="index"/>, with its key bytes (a shard's log replayed by the merge).</summary>
    public void Observe(long index, ReadOnlySpan<byte> key, SampleOutcome outcome)
    {
        // Most samples fall into the range of the one before: no division, no lookup.
        ref var range = ref index < _lastRangeEnd ? ref _ranges[_ranges.Count - 1] : ref StartRange(index, key);
        range.Samples++;
        if (outcome == SampleOutcome.Error) range.ErrorSamples++;
        else if (outcome == SampleOutcome.Warning) range.WarningSamples++;
        if (key.Length > _lastKey.Length) _lastKey = new byte[Math.Max(key.Length, 2 * _lastKey.Length)];
        key.CopyTo(_lastKey);
        _lastKeyLength = key.Length;
    }

    /// <summary>The range of a sample past the last range's end: a new one (the width may double first), or the last
    /// one widened to take it.</summary>
    private ref RangeBucket StartRange(long index, ReadOnlySpan<byte> key)
    {
        ref var range = ref _ranges.At(index);
        if (range.IsEmpty)
        {
            // The previous sample (its key in the buffer) ended the range before this one.
            if (_ranges.Count > 1) _ranges[_ranges.Count - 2].LastKey ??= LastKey();
            range.FirstIndex = index;
            range.FirstKey = SampleKey.ToDisplay(key);
        }
        _lastRangeEnd = _ranges.StartOf(_ranges.Count - 1) + _ranges.Width;
        return ref range;
    }

    /// <summary>No sample observed or merged.</summary>
    public bool IsEmpty => _ranges.Count == 0;

    /// <summary>Appends <paramref name="later"/>, the tally of the samples that follow these (consumed).</summary>
    public void Merge(StorageRangeTally later)
    {
        Seal();
        later.Seal();
        _ranges.Merge(later._ranges);
        _lastRangeEnd = 0; // a merged tally observes no more samples
    }

    /// <summary>The ranges in storage order (sealed: the last one's last key made).</summary>
    public IReadOnlyList<StorageRange> Ranges()
    {
        Seal();
        var ranges = new List<StorageRange>(_ranges.Count);
        for (var i = 0; i < _ranges.Count; i++)
        {
            var r = _ranges[i];
            if (!r.IsEmpty) ranges.Add(new StorageRange(r.FirstIndex, r.Samples, r.FirstKey!, r.LastKey!, r.ErrorSamples, r.WarningSamples));
        }
        return ranges;
    }

    /// <summary>Gives the last range its last key, the last sample observed (a range that came from a merged tally has one).</summary>
    private void Seal()
    {
        if (_ranges.Count > 0) _ranges[_ranges.Count - 1].LastKey ??= LastKey();
    }

    private string LastKey() => SampleKey.ToDisplay(_lastKey.AsSpan(0, _lastKeyLength));
}
