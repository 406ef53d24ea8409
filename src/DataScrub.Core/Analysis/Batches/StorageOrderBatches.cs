namespace DataScrub.Analysis.Batches;

/// <summary>
/// Counts, for several batch sizes, the batches that miss a class when a dataset is read unshuffled in storage
/// order, as Caffe's Data and HDF5Data layers do without shuffling: batch k is records [kB, kB + B), and a
/// partial last batch wraps around and is completed with the first B - (N mod B) records.
/// Fed one label per record in storage order, from any starting position; two runs of consecutive records merge
/// (<see cref="Merge"/>), so workers count their batches and the aggregator (later: a shard merge) joins them.
/// Memory is bounded by the batch sizes and the number of distinct labels, independent of N.
/// </summary>
/// <remarks>
/// A batch size above N gives one batch, the whole dataset (the wrap-around repeats records already in it), which
/// therefore misses no class. Not thread-safe: one instance per run of records.
/// </remarks>
public sealed class StorageOrderBatches
{
    private readonly WindowClassCounter[] _counters;
    private readonly List<long?> _head = [];
    private readonly int _headLength;

    /// <param name="batchSizes">Batch sizes to count, each at least 1; results come in this order.</param>
    /// <param name="start">The storage-order position of the first record this instance will observe.</param>
    public StorageOrderBatches(IReadOnlyList<int> batchSizes, long start = 0)
    {
        ArgumentNullException.ThrowIfNull(batchSizes);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        _counters = new WindowClassCounter[batchSizes.Count];
        for (var i = 0; i < _counters.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(batchSizes[i], 1, nameof(batchSizes));
            _counters[i] = new WindowClassCounter(batchSizes[i], start);
            // The wrap-around needs at most the first (largest batch size - 1) records.
            _headLength = Math.Max(_headLength, batchSizes[i]);
        }
        Start = start;
        End = start;
    }

    /// <summary>The position of the first record observed or merged.</summary>
    public long Start { get; }

    /// <summary>The position after the last record observed or merged.</summary>
    public long End { get; private set; }

    /// <summary>The next record's label in storage order; null for an unlabelled record (it fills a slot of no class).</summary>
    public void Observe(long? label)
    {
        if (_head.Count < _headLength) _head.Add(label);
        End++;
        foreach (var counter in _counters)
            counter.Observe(label);
    }

    /// <summary>Appends the records of <paramref name="later"/>, which start where these end (same batch sizes).</summary>
    public void Merge(StorageOrderBatches later)
    {
        ArgumentNullException.ThrowIfNull(later);
        if (later.Start != End)
            throw new ArgumentException($"records {later.Start}..{later.End} do not follow records {Start}..{End}", nameof(later));
        if (later._counters.Length != _counters.Length)
            throw new ArgumentException("the batch sizes differ", nameof(later));
        for (var i = 0; i < later._head.Count && _head.Count < _headLength; i++) _head.Add(later._head[i]);
        for (var i = 0; i < _counters.Length; i++) _counters[i].Merge(later._counters[i]);
        End = later.End;
    }

    /// <summary>Results per batch size, in constructor order, for records from position 0; may be called again after more records.</summary>
    /// <param name="classesPresent">
    /// Distinct classes in the whole dataset; a batch with fewer misses at least one. Known only at the end, which
    /// is why each batch size keeps a histogram of distinct classes per batch.
    /// </param>
    public IReadOnlyList<StorageOrderResult> Complete(int classesPresent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classesPresent);
        if (Start != 0) throw new InvalidOperationException($"the batches start at record 0, these records at {Start}");
        var results = new StorageOrderResult[_counters.Length];
        for (var i = 0; i < results.Length; i++)
            results[i] = _counters[i].Complete(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_head), classesPresent);
        return results;
    }

    /// <summary>Per batch size, in constructor order: the distinct classes of the batches from position 0, in at most
    /// <see cref="WindowClassCounter.MaxCoveragePoints"/> runs of consecutive batches (the profile's class coverage;
    /// the last batch wrapped around as in <see cref="Complete"/>).</summary>
    public IReadOnlyList<IReadOnlyList<Profile.BatchCoveragePoint>> Coverage()
    {
        if (Start != 0) throw new InvalidOperationException($"the batches start at record 0, these records at {Start}");
        return [.. _counters.Select(c => c.Coverage(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_head)))];
    }
}
