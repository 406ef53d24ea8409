namespace DataScrub.Analysis.Batches;

/// <summary>
/// Counts, for several batch sizes, the batches that miss a class when a dataset is read unshuffled in storage
/// order, as Caffe's Data and HDF5Data layers do without shuffling: batch k is records [kB, kB + B), and a
/// partial last batch wraps around and is completed with the first B - (N mod B) records.
/// Fed one label per record in storage order; memory is bounded by the largest batch size and the number of
/// distinct labels, independent of N.
/// </summary>
/// <remarks>
/// A batch size above N gives one batch, the whole dataset (the wrap-around repeats records already in it), which
/// therefore misses no class. Not thread-safe: one instance per stream.
/// </remarks>
public sealed class StorageOrderBatches
{
    private readonly WindowClassCounter[] _counters;
    private readonly long?[] _head;
    private long _observed;

    /// <param name="batchSizes">Batch sizes to count, each at least 1; results come in this order.</param>
    public StorageOrderBatches(IReadOnlyList<int> batchSizes)
    {
        ArgumentNullException.ThrowIfNull(batchSizes);
        _counters = new WindowClassCounter[batchSizes.Count];
        var largest = 0;
        for (var i = 0; i < _counters.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(batchSizes[i], 1, nameof(batchSizes));
            _counters[i] = new WindowClassCounter(batchSizes[i]);
            largest = Math.Max(largest, batchSizes[i]);
        }
        // The wrap-around needs at most the first (largest batch size - 1) records.
        _head = new long?[largest];
    }

    /// <summary>The next record's label in storage order; null for an unlabelled record (it fills a slot of no class).</summary>
    public void Observe(long? label)
    {
        if (_observed < _head.Length)
            _head[_observed] = label;
        _observed++;
        foreach (var counter in _counters)
            counter.Observe(label);
    }

    /// <summary>Results per batch size, in constructor order; may be called again after more records.</summary>
    /// <param name="classesPresent">
    /// Distinct classes in the whole dataset; a batch with fewer misses at least one. Known only at the end, which
    /// is why each batch size keeps a histogram of distinct classes per batch.
    /// </param>
    public IReadOnlyList<StorageOrderResult> Complete(int classesPresent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classesPresent);
        var head = _head.AsSpan(0, (int)Math.Min(_observed, _head.Length));
        var results = new StorageOrderResult[_counters.Length];
        for (var i = 0; i < results.Length; i++)
            results[i] = _counters[i].Complete(head, classesPresent);
        return results;
    }
}
