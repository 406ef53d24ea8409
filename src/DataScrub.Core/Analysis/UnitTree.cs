namespace DataScrub.Analysis;

/// <summary>
/// Folds the states of a dataset's units (<see cref="Samples.Sample.Unit"/>) along a fixed binary tree over unit
/// numbers: node (level, i) holds units [i·2^level, (i+1)·2^level), and two sibling nodes combine (left.Merge(right))
/// as soon as both are there; what remains is folded from the right. Floating-point merges are not associative, so a
/// result must not depend on how the units were grouped: with this tree it depends only on which units hold samples,
/// whether one process folded them all or shards folded parts and a merge joined their nodes.
/// </summary>
/// <remarks>Holds at most one node per level of a run of consecutive units (log2 of the units) while units arrive in order.</remarks>
public sealed class UnitTree
{
    private readonly Dictionary<(int Level, long Index), IAnalysisState> _nodes = [];

    /// <summary>The nodes not yet joined with a sibling, in unit order (a shard carries these to the merge).</summary>
    public IReadOnlyList<(int Level, long Index, IAnalysisState State)> Nodes =>
        [.. _nodes.OrderBy(n => n.Key.Index << n.Key.Level).Select(n => (n.Key.Level, n.Key.Index, n.Value))];

    /// <summary>Adds the state of one whole unit.</summary>
    public void AddUnit(long unit, IAnalysisState state) => AddNode(0, unit, state);

    /// <summary>Adds a node (all units of its range that hold samples); it must not overlap one already added.</summary>
    public void AddNode(int level, long index, IAnalysisState state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        while (true)
        {
            var siblingIndex = index ^ 1;
            if (!_nodes.Remove((level, siblingIndex), out var sibling)) break;
            if ((index & 1) == 0)
            {
                state.Merge(sibling);
            }
            else
            {
                sibling.Merge(state);
                state = sibling;
            }
            level++;
            index >>= 1;
        }
        if (!_nodes.TryAdd((level, index), state))
            throw new InvalidOperationException($"units {index << level}..{((index + 1) << level) - 1} were added twice");
    }

    /// <summary>Every unit's state folded (null when no unit was added); consumes the nodes.</summary>
    public IAnalysisState? Root()
    {
        var nodes = Nodes;
        if (nodes.Count == 0) return null;
        var whole = nodes[^1].State;
        for (var i = nodes.Count - 2; i >= 0; i--)
        {
            var left = nodes[i].State;
            left.Merge(whole);
            whole = left;
        }
        _nodes.Clear();
        return whole;
    }
}
