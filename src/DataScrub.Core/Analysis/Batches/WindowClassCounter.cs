using System.Runtime.InteropServices;

namespace DataScrub.Analysis.Batches;

/// <summary>
/// For one batch size: cuts a label stream into consecutive windows and keeps a histogram of how many distinct
/// classes each complete window held. Memory is bounded by the number of distinct labels, not by the stream length.
/// </summary>
internal sealed class WindowClassCounter
{
    // Labels in [0, 65536) (class indexes, almost always) take the array path: no hashing per sample.
    private const int SmallLabelLimit = 1 << 16;

    private readonly int _batchSize;
    private long[]? _smallLabelStamp;
    private Dictionary<long, long>? _otherLabelStamp;
    private long[] _windowsByDistinct = new long[16];
    private long _completeWindows;
    private int _filled;
    private int _distinct;

    public WindowClassCounter(int batchSize) => _batchSize = batchSize;

    public int BatchSize => _batchSize;

    public void Observe(long? label)
    {
        if (label is { } value && MarkSeen(value))
            _distinct++;
        if (++_filled < _batchSize)
            return;
        if (_distinct >= _windowsByDistinct.Length)
            Array.Resize(ref _windowsByDistinct, Math.Max(_distinct + 1, 2 * _windowsByDistinct.Length));
        _windowsByDistinct[_distinct]++;
        _completeWindows++;
        _filled = 0;
        _distinct = 0;
    }

    /// <summary>
    /// The result so far, completing a partial last window with the first records of the stream (Caffe's
    /// wrap-around). Does not change the state, so observing may continue.
    /// </summary>
    /// <param name="head">The first min(stream length, largest batch size) labels.</param>
    public StorageOrderResult Complete(ReadOnlySpan<long?> head, int classesPresent)
    {
        long missing = 0;
        for (var d = 0; d < Math.Min(classesPresent, _windowsByDistinct.Length); d++)
            missing += _windowsByDistinct[d];
        var batches = _completeWindows;
        if (_filled > 0)
        {
            // With fewer records than the batch size the head is the whole stream, already in the window:
            // the one batch is the whole dataset.
            var wrapped = head[..Math.Min(_batchSize - _filled, head.Length)];
            var added = new HashSet<long>();
            foreach (var label in wrapped)
            {
                if (label is { } value && !IsSeen(value))
                    added.Add(value);
            }
            batches++;
            if (_distinct + added.Count < classesPresent)
                missing++;
        }
        return new StorageOrderResult(_batchSize, batches, missing);
    }

    // Stamps hold (window index + 1), so a label seen in an earlier window needs no clearing between windows.
    private long Stamp => _completeWindows + 1;

    private bool MarkSeen(long label)
    {
        if ((ulong)label < SmallLabelLimit)
        {
            _smallLabelStamp ??= new long[SmallLabelLimit];
            ref var slot = ref _smallLabelStamp[label];
            if (slot == Stamp)
                return false;
            slot = Stamp;
            return true;
        }
        _otherLabelStamp ??= new Dictionary<long, long>();
        ref var stamp = ref CollectionsMarshal.GetValueRefOrAddDefault(_otherLabelStamp, label, out _);
        if (stamp == Stamp)
            return false;
        stamp = Stamp;
        return true;
    }

    private bool IsSeen(long label) =>
        (ulong)label < SmallLabelLimit
            ? _smallLabelStamp is { } small && small[label] == Stamp
            : _otherLabelStamp is { } other && other.TryGetValue(label, out var stamp) && stamp == Stamp;
}
