namespace DataScrub.Analysis.Batches;

/// <summary>
/// For one batch size: cuts a run of consecutive records into the windows [kB, (k + 1)B) of storage order and keeps
/// a histogram of how many distinct classes each complete window held. The windows cut by the run's two ends are
/// kept as open fragments (their labels), so that two runs that follow each other merge into the counts one run
/// would give. Memory is bounded by the batch size and the number of distinct labels, not by the run's length.
/// Each window's distinct classes also go, in storage order, into at most <see cref="MaxCoveragePoints"/> runs of
/// consecutive windows (the profile's class coverage: the fewest and the mean classes per run).
/// </summary>
internal sealed class WindowClassCounter
{
    /// <summary>The most points of the class coverage, whatever the number of batches.</summary>
    public const int MaxCoveragePoints = 256;

    private readonly int _batchSize;
    private long[] _windowsByDistinct = new long[16];
    private long _completeWindows;
    private readonly PowerOfTwoBuckets<CoverageBucket> _coverage = new(MaxCoveragePoints);

    /// <summary>The first window when the run started inside it and has not filled it (null once it completed or
    /// when the run started on a window boundary).</summary>
    private Fragment? _first;

    /// <summary>The window the next record falls into, when it has records (may be <see cref="_first"/>).</summary>
    private Fragment? _last;
    private long _end;

    public WindowClassCounter(int batchSize, long start)
    {
        _batchSize = batchSize;
        _end = start;
    }

    public int BatchSize => _batchSize;

    public void Observe(long? label)
    {
        var window = _end / _batchSize;
        if (_last is null || _last.Window != window)
        {
            _last = new Fragment(window);
            // A run that starts inside a window keeps that window open for the run before it.
            if (_end % _batchSize != 0) _first = _last;
        }
        _last.Add(label);
        _end++;
        if (_last.Filled == _batchSize) Close(_last);
    }

    /// <summary>Appends a run that starts where this one ends.</summary>
    public void Merge(WindowClassCounter later)
    {
        if (later._batchSize != _batchSize) throw new ArgumentException("the batch sizes differ", nameof(later));
        var joined = later._first ?? (later._last is { } only && only.Window == _end / _batchSize && _end % _batchSize != 0 ? only : null);
        if (joined is not null && _last is { } open && open.Window == joined.Window)
        {
            // The window cut between the two runs: one set of labels.
            open.Join(joined);
            if (open.Filled == _batchSize) Close(open);
        }
        else if (joined is not null)
        {
            _last = joined;
            if (_first is null && _end % _batchSize != 0) _first = joined;
        }
        for (var d = 0; d < later._windowsByDistinct.Length; d++)
            if (later._windowsByDistinct[d] > 0) Count(d, later._windowsByDistinct[d]);
        // Every window later closed follows the one cut between the runs (closed above, if it filled).
        _coverage.Merge(later._coverage);
        var laterLast = later._last;
        if (laterLast is not null && !ReferenceEquals(laterLast, joined) && laterLast.Filled < _batchSize) _last = laterLast;
        else if (laterLast is null && joined is null) _last = null;
        _end = later._end;
        if (_last is not null && _last.Window != (_end - 1) / _batchSize) _last = null;
    }

    /// <summary>
    /// The result for records from position 0, completing a partial last window with the first records of the
    /// stream (Caffe's wrap-around). Does not change the state, so observing may continue.
    /// </summary>
    /// <param name="head">The first min(stream length, largest batch size) labels.</param>
    public StorageOrderResult Complete(ReadOnlySpan<long?> head, int classesPresent)
    {
        long missing = 0;
        for (var d = 0; d < Math.Min(classesPresent, _windowsByDistinct.Length); d++)
            missing += _windowsByDistinct[d];
        var batches = _completeWindows;
        if (_last is { } partial && partial.Filled < _batchSize)
        {
            batches++;
            if (WrappedClasses(partial, head) < classesPresent)
                missing++;
        }
        return new StorageOrderResult(_batchSize, batches, missing);
    }

    /// <summary>The distinct classes of the windows from position 0 in at most <see cref="MaxCoveragePoints"/> runs of
    /// consecutive windows, the partial last one completed as <see cref="Complete"/> does. Does not change the state.</summary>
    public IReadOnlyList<Profile.BatchCoveragePoint> Coverage(ReadOnlySpan<long?> head)
    {
        var coverage = _coverage;
        if (_last is { } partial && partial.Filled < _batchSize)
        {
            coverage = _coverage.Clone();
            coverage.At(partial.Window).Add(partial.Window, WrappedClasses(partial, head));
        }
        var points = new List<Profile.BatchCoveragePoint>(coverage.Count);
        for (var i = 0; i < coverage.Count; i++)
        {
            var point = coverage[i];
            if (!point.IsEmpty)
                points.Add(new Profile.BatchCoveragePoint(point.FirstBatch, point.Batches, point.MinClasses, (double)point.ClassSum / point.Batches));
        }
        return points;
    }

    /// <summary>The distinct classes of the partial last window once completed with the first records of the stream.</summary>
    private int WrappedClasses(Fragment partial, ReadOnlySpan<long?> head)
    {
        // With fewer records than the batch size the head is the whole stream, already in the window:
        // the one batch is the whole dataset.
        var wrapped = head[..Math.Min(_batchSize - partial.Filled, head.Length)];
        var added = new HashSet<long>();
        foreach (var label in wrapped)
        {
            if (label is { } value && !partial.Labels.Contains(value))
                added.Add(value);
        }
        return partial.Labels.Count + added.Count;
    }

    private void Close(Fragment window)
    {
        _coverage.At(window.Window).Add(window.Window, window.Labels.Count);
        Count(window.Labels.Count, 1);
        if (ReferenceEquals(_first, window)) _first = null;
        if (ReferenceEquals(_last, window)) _last = null;
    }

    private void Count(int distinct, long windows)
    {
        if (distinct >= _windowsByDistinct.Length)
            Array.Resize(ref _windowsByDistinct, Math.Max(distinct + 1, 2 * _windowsByDistinct.Length));
        _windowsByDistinct[distinct] += windows;
        _completeWindows += windows;
    }

    /// <summary>The records of one window seen so far: how many slots they fill and their distinct labels.</summary>
    private sealed class Fragment(long window)
    {
        public long Window { get; } = window;

        public int Filled { get; private set; }

        public HashSet<long> Labels { get; } = [];

        public void Add(long? label)
        {
            if (label is { } value) Labels.Add(value);
            Filled++;
        }

        public void Join(Fragment other)
        {
            Labels.UnionWith(other.Labels);
            Filled += other.Filled;
        }
    }
}
