namespace DataScrub.Analysis.Labels;

/// <summary>
/// Remembers which samples carry the highest labels, so that once the scan shows a few labels far above the rest
/// (an inferred K that would be wrong), those samples can be named as <c>label-out-of-range</c> findings without a
/// second pass. Memory is bounded: at most <see cref="Budget"/> samples are kept; past it, the group of the lowest
/// label kept is forgotten, and no label at or below it is kept again. Far labels are the highest ones, so they
/// survive unless they alone exceed the budget (then <see cref="Above"/> says so).
/// </summary>
/// <remarks>
/// One instance per run of samples (a worker's batch, the dataset so far); <see cref="Merge"/> joins two. What is kept
/// does not depend on the order samples arrive in: it is always the groups of the highest labels that fit the budget
/// (a group is forgotten only when the samples with a label at or above it exceed the budget, which more samples
/// never undo), so worker batches merged in any grouping keep what one pass would.
/// </remarks>
public sealed class HighLabelSamples(int budget = HighLabelSamples.DefaultBudget)
{
    /// <summary>16 Ki samples: far labels are at most 1% of a dataset, so every one of them is named in datasets up
    /// to 1.6 M samples, and always counted; the floor rises after the first 16 Ki labelled samples, so the workers
    /// then make ids for the highest labels only.</summary>
    public const int DefaultBudget = 1 << 14;

    // Per label, blocks of at most 1024 samples (16 KiB): a single list of 16 Ki entries would be a large-object-heap
    // array, and growing it made the collector run full collections of the scan's whole heap (measured: +16% on a
    // 250k-record scan). A label's first block holds 8 and each next one twice the last: a worker batch of a
    // 1,000-class dataset meets most labels a few times, and full 1,024-entry blocks for each had allocated 16 MB
    // per batch (a tenth of a 50,000-record scan in memset, 250 MB peak).
    private const int BlockSize = 1024;
    private const int FirstBlockSize = 8;

    private readonly SortedDictionary<long, List<(long Index, string Id)[]>> _byLabel = new();
    private readonly Dictionary<long, int> _lastBlockCount = new();
    private readonly Dictionary<long, int> _labelCount = new();
    private long _forgottenUpTo = long.MinValue;
    private int _kept;

    public int Budget => budget;

    /// <summary>No label at or below this is kept (long.MinValue until the budget was first exceeded).</summary>
    public long ForgottenUpTo => _forgottenUpTo;

    /// <summary>Whether a sample with <paramref name="label"/> may be kept, given a floor from a run before it.</summary>
    public static bool MayKeep(long label, long floor) => label >= InferredClasses.LowestFarLabel && label > floor;

    /// <summary>Adds the samples kept by <paramref name="other"/>, a run of other samples.</summary>
    public void Merge(HighLabelSamples other)
    {
        if (other._forgottenUpTo > _forgottenUpTo)
        {
            // What the other run forgot, a union of both forgets too (more samples at or above it, not fewer).
            _forgottenUpTo = other._forgottenUpTo;
            foreach (var label in _byLabel.Keys.Where(l => l <= _forgottenUpTo).ToList()) Forget(label);
        }
        foreach (var (label, blocks) in other._byLabel)
            for (var b = 0; b < blocks.Count; b++)
                foreach (var (index, id) in blocks[b].AsSpan(0, b == blocks.Count - 1 ? other._lastBlockCount[label] : blocks[b].Length))
                    Observe(label, index, id);
    }

    public void Observe(long label, long index, string? id)
    {
        // Labels that can never be far (datasets of up to 11 classes never get here) cost one comparison.
        if (id is null || label < InferredClasses.LowestFarLabel || label <= _forgottenUpTo) return;
        if (!_byLabel.TryGetValue(label, out var blocks)) _byLabel[label] = blocks = [];
        var inLast = _lastBlockCount.GetValueOrDefault(label);
        if (blocks.Count == 0 || inLast == blocks[^1].Length)
        {
            blocks.Add(new (long, string)[blocks.Count == 0 ? FirstBlockSize : Math.Min(BlockSize, 2 * blocks[^1].Length)]);
            inLast = 0;
        }
        blocks[^1][inLast] = (index, id);
        _lastBlockCount[label] = inLast + 1;
        _labelCount[label] = _labelCount.GetValueOrDefault(label) + 1;
        if (++_kept <= budget) return;
        var lowest = _byLabel.First().Key;
        Forget(lowest);
        _forgottenUpTo = lowest;
    }

    private void Forget(long label)
    {
        _kept -= _labelCount[label];
        _byLabel.Remove(label);
        _lastBlockCount.Remove(label);
        _labelCount.Remove(label);
    }

    /// <summary>Writes the floor and every sample kept (a shard's state).</summary>
    internal void Write(Sharding.ShardStateWriter writer)
    {
        writer.Write(_forgottenUpTo);
        var (samples, _) = Above(long.MinValue);
        writer.Write(samples.Count);
        foreach (var (index, id, label) in samples)
        {
            writer.Write(label);
            writer.Write(index);
            writer.Write(id);
        }
    }

    /// <summary>What <see cref="Write"/> wrote, the sample indices moved by <paramref name="offset"/>.</summary>
    internal static HighLabelSamples Read(Sharding.ShardStateReader reader, long offset)
    {
        var high = new HighLabelSamples { _forgottenUpTo = reader.ReadInt64() };
        var count = reader.ReadCount(17);
        for (var i = 0; i < count; i++)
        {
            var label = reader.ReadInt64();
            var index = reader.ReadInt64() + offset;
            high.Observe(label, index, reader.ReadString());
        }
        return high;
    }

    /// <summary>The samples whose label is above <paramref name="floor"/>, in storage order; <c>complete</c> is false
    /// when some of them were forgotten (their count is still right in the label histogram).</summary>
    public (IReadOnlyList<(long Index, string Id, long Label)> Samples, bool Complete) Above(long floor)
    {
        var samples = _byLabel.Where(g => g.Key > floor)
            .SelectMany(g => g.Value.SelectMany((block, i) => block.Take(i == g.Value.Count - 1 ? _lastBlockCount[g.Key] : block.Length))
                .Select(s => (s.Index, s.Id, Label: g.Key)))
            .OrderBy(s => s.Index).ToList();
        return (samples, _forgottenUpTo <= floor);
    }
}
