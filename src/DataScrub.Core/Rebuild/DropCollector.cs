using DataScrub.Findings;

namespace DataScrub.Rebuild;

/// <summary>
/// Collects, from the findings a scan reports (<see cref="Pipeline.ScrubPipeline"/>'s observer), every sample the
/// drop rule leaves out, beyond any listing limit, with every kind that made it go. Findings arrive in storage
/// order per sample, except duplicates, which follow their batch's other findings; the list stays sorted by
/// index, merging kinds per sample. Single-threaded: the pipeline calls it on its aggregating thread.
/// </summary>
public sealed class DropCollector(DropRule rule)
{
    private readonly List<DroppedSample> _dropped = [];

    /// <summary>The samples collected so far, in storage order.</summary>
    public IReadOnlyList<DroppedSample> Dropped => _dropped;

    /// <param name="finding">A finding with the severity that applied to it.</param>
    public void Observe(Finding finding)
    {
        if (rule.IsEmpty || !rule.Drops(finding)) return;
        var index = finding.SampleIndex!.Value;
        var at = _dropped.Count - 1;
        while (at >= 0 && _dropped[at].Index > index) at--;
        if (at >= 0 && _dropped[at].Index == index)
        {
            var existing = _dropped[at];
            if (!existing.Kinds.Contains(finding.Kind.Name))
                _dropped[at] = existing with { Kinds = [.. existing.Kinds, finding.Kind.Name] };
            return;
        }
        _dropped.Insert(at + 1, new DroppedSample(index, finding.Sample!, [finding.Kind.Name]));
    }
}
