using System.Globalization;
using DataScrub.Findings;

namespace DataScrub.Reporting.Baseline;

/// <summary>
/// Compares a dataset's report with its accepted baseline: which findings are new, which are gone, and how far the
/// label histogram moved. Identity is exact where both runs listed every finding of a kind. Where the baseline listed
/// only its first --max-findings of a kind, a finding it does not list may be among the unlisted, so only the growth
/// of the kind's count is certainly new; where this run listed only some, the new ones are at least those listed and
/// at least the growth. The comparison then says it is not exact (record baselines with a high --max-findings).
/// </summary>
public static class BaselineComparison
{
    /// <summary>New findings listed in the section, at most.</summary>
    public const int NewListed = 100;

    /// <summary>Classes whose share moved most, listed in the drift.</summary>
    public const int DriftClassesListed = 10;

    public static BaselineSection Compare(string baselineFile, BaselineDataset? old, DatasetReport now, double driftThreshold)
    {
        if (old is null) return new BaselineSection(baselineFile, null, [], [], [], true, null);
        var oldSet = old.Findings.ToHashSet();
        var nowIdentities = now.Findings.Select(f => (Finding: f, Identity: FindingIdentity.Of(f))).ToList();
        var nowSet = nowIdentities.Select(f => f.Identity).ToHashSet();
        var listedBefore = old.Findings.GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => (long)g.Count());
        var listedNow = nowIdentities.GroupBy(f => f.Identity.Kind).ToDictionary(g => g.Key, g => (long)g.Count());

        var newFindings = new List<Finding>();
        var newByKind = new List<BaselineKindCount>();
        var goneByKind = new List<BaselineKindCount>();
        var exact = true;
        foreach (var kind in FindingKinds.All)
        {
            var before = old.Counts.GetValueOrDefault(kind.Name);
            var after = now.CountOf(kind);
            if (before == 0 && after == 0) continue;
            var baselineComplete = listedBefore.GetValueOrDefault(kind.Name) == before;
            var nowComplete = listedNow.GetValueOrDefault(kind.Name) == after;
            // A finding missing from a baseline that listed only some of its kind may be among the unlisted: then only
            // the growth of the count is certainly new.
            var certainlyNew = baselineComplete
                ? nowIdentities.Where(f => f.Identity.Kind == kind.Name && !oldSet.Contains(f.Identity)).Select(f => f.Finding).ToList()
                : [];
            var certainlyGone = nowComplete ? old.Findings.Count(f => f.Kind == kind.Name && !nowSet.Contains(f)) : 0;
            var added = Math.Max(certainlyNew.Count, after - before);
            var gone = Math.Max(certainlyGone, before - after);
            exact &= baselineComplete && nowComplete;
            newFindings.AddRange(certainlyNew);
            if (added > 0) newByKind.Add(new BaselineKindCount(kind, added, SeverityOfNew(now, kind, certainlyNew)));
            if (gone > 0) goneByKind.Add(new BaselineKindCount(kind, gone, null));
        }
        // Storage order, as the report lists findings.
        newFindings = [.. newFindings.OrderBy(f => f.SampleIndex ?? long.MaxValue)];
        return new BaselineSection(baselineFile, old.Path, newByKind, goneByKind, [.. newFindings.Take(NewListed)],
            exact, Drift(old.Histogram, now.LabelCounts, driftThreshold));
    }

    /// <summary>The highest severity among a kind's new findings: the listed ones', else the kind's in this run.</summary>
    private static Severity SeverityOfNew(DatasetReport now, FindingKind kind, List<Finding> newFindings)
    {
        var listed = newFindings.Select(f => f.Severity).ToList();
        if (listed.Count > 0) return listed.Max();
        return now.SeverityCounts.Where(c => c.Kind == kind && c.Count > 0).Select(c => c.Severity).DefaultIfEmpty(kind.Severity).Max();
    }

    /// <summary>Total variation distance between the two runs' class shares (half the sum of the absolute changes), or
    /// null when either run has no labels.</summary>
    internal static LabelDrift? Drift(IReadOnlyDictionary<long, long> before, IReadOnlyList<KeyValuePair<long, long>> after, double threshold)
    {
        var totalBefore = before.Values.Sum();
        var totalAfter = after.Sum(c => c.Value);
        if (totalBefore == 0 || totalAfter == 0) return null;
        var afterMap = after.ToDictionary(c => c.Key, c => c.Value);
        var changes = before.Keys.Union(afterMap.Keys).Select(label =>
        {
            var p = (double)before.GetValueOrDefault(label) / totalBefore;
            var q = (double)afterMap.GetValueOrDefault(label) / totalAfter;
            return new LabelShareChange(label, p, q);
        }).ToList();
        var distance = 0.5 * changes.Sum(c => Math.Abs(c.After - c.Before));
        var moved = changes.OrderByDescending(c => Math.Abs(c.After - c.Before)).ThenBy(c => c.Label).Take(DriftClassesListed).ToList();
        return new LabelDrift(distance, threshold, distance > threshold, totalBefore, totalAfter, moved);
    }

    /// <summary>The <c>label-drift</c> finding for a drift beyond its threshold, or null.</summary>
    public static Finding? DriftFinding(BaselineSection section)
    {
        if (section.Drift is not { Drifted: true } drift) return null;
        var inv = CultureInfo.InvariantCulture;
        var top = string.Join(", ", drift.Classes.Take(3).Select(c => string.Create(inv, $"class {c.Label} {c.Before:P1} -> {c.After:P1}")));
        return new Finding(FindingKinds.LabelDrift, null, null, null, null, null,
            string.Create(inv, $"the class shares moved {drift.TotalVariation:0.###} (total variation) from the baseline's, above {drift.Threshold:0.###}: {top}"));
    }
}
