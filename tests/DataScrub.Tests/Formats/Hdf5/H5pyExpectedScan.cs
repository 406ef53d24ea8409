using DataScrub.Findings;
using DataScrub.Reporting;

namespace DataScrub.Tests.Formats.Hdf5;

/// <summary>
/// What a scan of a generated case must report, derived from what h5py read (never from DataScrub), by
/// the rules the README states:
/// <list type="bullet">
/// <item>Listings are the list's entries (or the one file); the n-th listing (n &gt;= 2) of an entry names
/// its samples <c>ENTRY@n#ROW</c>, the first <c>ENTRY#ROW</c>, and is a <c>repeated-entry</c> warning.</item>
/// <item>A listing's rows are those where some dataset has storage (h5py's allocated rows); it declares
/// the largest N (<c>expectedSamples</c>). Rows without storage are <c>unwritten-rows</c> per dataset.</item>
/// <item>Each NaN/Inf numpy finds is a <c>nan</c>/<c>inf</c> finding at LISTING#ROW and its dataset with
/// numpy's count and first index; a single-value float <c>label</c> makes it <c>label-nan</c>.</item>
/// <item><c>shape-mismatch</c>: datasets of one file that differ in N (file-level, no field); a dataset
/// whose values per row differ from the first listing's (Caffe's top keeps that listing's row size).</item>
/// </list>
/// </summary>
public sealed class H5pyExpectedScan
{
    public long Samples { get; private set; }

    public long Declared { get; private set; }

    public List<string> RowFindings { get; } = [];

    public HashSet<string> ShapeMismatches { get; } = [];

    public HashSet<string> Unwritten { get; } = [];

    public HashSet<string> Repeated { get; } = [];

    /// <summary>Differences between the plan and what h5py read (the generator's or the script's mistakes).</summary>
    public List<string> PlanErrors { get; } = [];

    private static readonly string[] StoreProblems = ["corrupt-store", "unsupported-type", "unsupported-filter", "missing-dataset", "missing-file", "no-readable-dataset"];

    public static H5pyExpectedScan Of(H5pyCase plan, H5pyCaseFacts facts)
    {
        var expected = new H5pyExpectedScan();
        expected.CheckPlan(plan, facts);
        var listings = plan.List ?? [plan.Files[0].Name];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowValues = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in listings)
        {
            var n = seen[entry] = seen.GetValueOrDefault(entry) + 1;
            var id = n == 1 ? entry : $"{entry}@{n}";
            if (n > 1) expected.Repeated.Add(id);
            var file = facts.Files[entry];
            var datasets = file.Datasets.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
            expected.Declared += datasets.Max(d => d.Value.Rows);
            expected.Samples += Union(datasets.SelectMany(d => d.Value.AllocatedRows));
            if (datasets.Select(d => d.Value.Rows).Distinct().Count() > 1) expected.ShapeMismatches.Add($"{id} (N)");
            foreach (var (name, d) in datasets)
            {
                if (!rowValues.TryAdd(name, d.RowValues) && rowValues[name] != d.RowValues) expected.ShapeMismatches.Add($"{id} {name}");
                foreach (var (start, count) in Gaps(d.AllocatedRows, d.Rows)) expected.Unwritten.Add($"{id} {name} rows {start}+{count}");
                var classLabel = name == "label" && d.RowValues == 1 && d.Dtype[1] == 'f';
                foreach (var (row, kind, count, first) in d.NonFinite)
                    expected.RowFindings.Add(classLabel ? $"label-nan {id}#{row} label" : $"{kind} {id}#{row} {name} {count}@{first}");
            }
        }
        expected.RowFindings.Sort(StringComparer.Ordinal);
        return expected;
    }

    /// <summary>Every difference between the expectation and a scan's report, one line each.</summary>
    public List<string> Compare(DatasetReport report)
    {
        var errors = new List<string>(PlanErrors);
        if (report.Error is not null) errors.Add($"the dataset could not be read: {report.Error}");
        if (report.Samples != Samples) errors.Add($"samples {report.Samples}, h5py's allocated rows {Samples}");
        if (report.ExpectedSamples != Declared) errors.Add($"expectedSamples {report.ExpectedSamples}, h5py's N {Declared}");
        var rows = report.Findings.Where(f => f.Kind.Name is "nan" or "inf" or "label-nan")
            .Select(f => f.Kind.Name == "label-nan" ? $"label-nan {f.Sample} {f.Field}" : $"{f.Kind.Name} {f.Sample} {f.Field} {f.Count}@{f.Index}")
            .Order(StringComparer.Ordinal).ToList();
        Diff("row finding", RowFindings, rows, errors);
        Diff("shape-mismatch", ShapeMismatches, report.Findings.Where(f => f.Kind == FindingKinds.ShapeMismatch)
            .Select(f => f.Field is null ? $"{f.File} (N)" : $"{f.File} {f.Field}"), errors);
        Diff("unwritten-rows", Unwritten, report.Findings.Where(f => f.Kind.Name == "unwritten-rows")
            .Select(f => $"{f.File} {f.Field} rows {f.FirstRow}+{f.RowCount}"), errors);
        Diff("repeated-entry", Repeated, report.Findings.Where(f => f.Kind.Name == "repeated-entry").Select(f => f.File ?? "?"), errors);
        foreach (var f in report.Findings.Where(f => StoreProblems.Contains(f.Kind.Name)))
            errors.Add($"unexpected {f.Kind.Name}: {f.File} {f.Field}: {f.Message}");
        return errors;
    }

    private static void Diff(string what, IEnumerable<string> expected, IEnumerable<string> actual, List<string> errors)
    {
        // Multisets: a finding reported twice is an error too.
        var left = expected.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var right = actual.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        foreach (var key in left.Keys.Union(right.Keys).Order(StringComparer.Ordinal))
        {
            var difference = left.GetValueOrDefault(key) - right.GetValueOrDefault(key);
            if (difference > 0) errors.Add($"missing {what}: {key}" + (difference > 1 ? $" (x{difference})" : ""));
            if (difference < 0) errors.Add($"extra {what}: {key}" + (difference < -1 ? $" (x{-difference})" : ""));
        }
    }

    /// <summary>The plan's non-finite values must be exactly what numpy found (else the test proves nothing).</summary>
    private void CheckPlan(H5pyCase plan, H5pyCaseFacts facts)
    {
        foreach (var file in plan.Files)
        foreach (var d in file.Datasets)
        {
            var read = facts.Files[file.Name].Datasets[d.Name];
            if (!read.Shape.SequenceEqual(d.Shape)) PlanErrors.Add($"plan: {file.Name}/{d.Name} shape [{string.Join(",", read.Shape)}], planned [{string.Join(",", d.Shape)}]");
            var planned = d.Planted.GroupBy(p => (p.Row, Kind: p.Kind == "nan" ? "nan" : "inf"))
                .Select(g => $"{g.Key.Row} {g.Key.Kind} {g.Count()}@{g.Min(p => p.Index)}").Order(StringComparer.Ordinal);
            var found = read.NonFinite.Select(x => $"{x.Row} {x.Kind} {x.Count}@{x.FirstIndex}").Order(StringComparer.Ordinal);
            if (!planned.SequenceEqual(found)) PlanErrors.Add($"plan: {file.Name}/{d.Name} numpy found [{string.Join("; ", found)}], planted [{string.Join("; ", planned)}]");
        }
    }

    private static long Union(IEnumerable<(long Start, long End)> ranges)
    {
        long total = 0, end = long.MinValue;
        foreach (var (s, e) in ranges.OrderBy(r => r.Start))
        {
            var from = Math.Max(s, end);
            if (e > from) total += e - from;
            end = Math.Max(end, e);
        }
        return total;
    }

    private static IEnumerable<(long Start, long Count)> Gaps(IReadOnlyList<(long Start, long End)> allocated, long rows)
    {
        long at = 0;
        foreach (var (s, e) in allocated.OrderBy(r => r.Start))
        {
            if (s > at) yield return (at, s - at);
            at = Math.Max(at, e);
        }
        if (rows > at) yield return (at, rows - at);
    }
}
