namespace DataScrub.Analysis.Labels;

/// <summary>
/// Remembers which samples carry the highest labels, so that once the scan shows a few labels far above the rest
/// (an inferred K that would be wrong), those samples can be named as <c>label-out-of-range</c> findings without a
/// second pass. Memory is bounded: at most <see cref="Budget"/> samples are kept; past it, the group of the lowest
/// label kept is forgotten, and no label at or below it is kept again. Far labels are the highest ones, so they
/// survive unless they alone exceed the budget (then <see cref="Above"/> says so).
/// </summary>
/// <remarks>
/// Observed by the aggregator only; <see cref="Wants"/> may be called from the workers, so that they make a sample's
/// id (a string) only when it may be kept: the floor only rises, and a worker that reads an old one makes an id
/// that is not kept, which is harmless.
/// </remarks>
public sealed class HighLabelSamples(int budget = HighLabelSamples.DefaultBudget)
{
    /// <summary>16 Ki samples: far labels are at most 1% of a dataset, so every one of them is named in datasets up
    /// to 1.6 M samples, and always counted; the floor rises after the first 16 Ki labelled samples, so the workers
    /// then make ids for the highest labels only.</summary>
    public const int DefaultBudget = 1 << 14;

    // Per label, blocks of at most 1024 samples (16 KiB): a single list of 16 Ki entries would be a large-object-heap
    // array, and growing it made the collector run full collections of the scan's whole heap (measured: +16% on a
    // 250k-record scan).
    private const int BlockSize = 1024;

    private readonly SortedDictionary<long, List<(long Index, string Id)[]>> _byLabel = new();
    private readonly Dictionary<long, int> _lastBlockCount = new();
    private long _forgottenUpTo = long.MinValue;
    private int _kept;

    public int Budget => budget;

    /// <summary>Whether a sample with <paramref name="label"/> may still be kept (thread-safe).</summary>
    public bool Wants(long label) => label >= InferredClasses.LowestFarLabel && label > Volatile.Read(ref _forgottenUpTo);

    public void Observe(long label, long index, string? id)
    {
        // Labels that can never be far (datasets of up to 11 classes never get here) cost one comparison.
        if (id is null || label < InferredClasses.LowestFarLabel || label <= _forgottenUpTo) return;
        if (!_byLabel.TryGetValue(label, out var blocks)) _byLabel[label] = blocks = [];
        var inLast = _lastBlockCount.GetValueOrDefault(label);
        if (blocks.Count == 0 || inLast == BlockSize)
        {
            blocks.Add(new (long, string)[BlockSize]);
            inLast = 0;
        }
        blocks[^1][inLast] = (index, id);
        _lastBlockCount[label] = inLast + 1;
        if (++_kept <= budget) return;
        var lowest = _byLabel.First();
        _kept -= (lowest.Value.Count - 1) * BlockSize + _lastBlockCount[lowest.Key];
        Volatile.Write(ref _forgottenUpTo, lowest.Key);
        _byLabel.Remove(lowest.Key);
        _lastBlockCount.Remove(lowest.Key);
    }

    /// <summary>The samples whose label is above <paramref name="floor"/>, in storage order; <c>complete</c> is false
    /// when some of them were forgotten (their count is still right in the label histogram).</summary>
    public (IReadOnlyList<(long Index, string Id, long Label)> Samples, bool Complete) Above(long floor)
    {
        var samples = _byLabel.Where(g => g.Key > floor)
            .SelectMany(g => g.Value.SelectMany((block, i) => block.Take(i == g.Value.Count - 1 ? _lastBlockCount[g.Key] : BlockSize))
                .Select(s => (s.Index, s.Id, Label: g.Key)))
            .OrderBy(s => s.Index).ToList();
        return (samples, _forgottenUpTo <= floor);
    }
}
