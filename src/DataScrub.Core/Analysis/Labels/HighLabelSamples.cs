namespace DataScrub.Analysis.Labels;

/// <summary>
/// Remembers which samples carry the highest labels, so that once the scan shows a few labels far above the rest
/// (an inferred K that would be wrong), those samples can be named as <c>label-out-of-range</c> findings without a
/// second pass. Memory is bounded: at most <see cref="Budget"/> samples are kept; past it, the group of the lowest
/// label kept is forgotten, and no label at or below it is kept again. Far labels are the highest ones, so they
/// survive unless they alone exceed the budget (then <see cref="Above"/> says so).
/// </summary>
public sealed class HighLabelSamples(int budget = HighLabelSamples.DefaultBudget)
{
    /// <summary>64 Ki samples: a few MB of ids, and far more than the 1% of a dataset a far label may hold in all but
    /// datasets of millions of samples.</summary>
    public const int DefaultBudget = 1 << 16;

    private readonly SortedDictionary<long, List<(long Index, string Id)>> _byLabel = new();
    private long? _forgottenUpTo;
    private int _kept;

    public int Budget => budget;

    public void Observe(long label, long index, string? id)
    {
        if (id is null || label <= _forgottenUpTo) return;
        if (!_byLabel.TryGetValue(label, out var samples)) _byLabel[label] = samples = [];
        samples.Add((index, id));
        if (++_kept <= budget) return;
        var lowest = _byLabel.First();
        _kept -= lowest.Value.Count;
        _forgottenUpTo = lowest.Key;
        _byLabel.Remove(lowest.Key);
    }

    /// <summary>The samples whose label is above <paramref name="floor"/>, in storage order; <c>complete</c> is false
    /// when some of them were forgotten (their count is still right in the label histogram).</summary>
    public (IReadOnlyList<(long Index, string Id, long Label)> Samples, bool Complete) Above(long floor)
    {
        var samples = _byLabel.Where(g => g.Key > floor)
            .SelectMany(g => g.Value.Select(s => (s.Index, s.Id, Label: g.Key)))
            .OrderBy(s => s.Index).ToList();
        return (samples, _forgottenUpTo is not { } forgotten || forgotten <= floor);
    }
}
