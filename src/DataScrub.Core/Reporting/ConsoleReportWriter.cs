using System.Globalization;
using DataScrub.Findings;

namespace DataScrub.Reporting;

/// <summary>The one-screen human summary: per dataset the totals, counts per kind and the first
/// findings with their sample keys.</summary>
public static class ConsoleReportWriter
{
    public const int FindingsShown = 20;

    public static void Write(ScanReport report, TextWriter output)
    {
        foreach (var d in report.Datasets) WriteDataset(d, output);
        if (report.Datasets.Count > 1)
        {
            var total = report.Datasets.Sum(d => d.Counts.Sum(c => c.Value));
            output.WriteLine($"{report.Datasets.Count} datasets, {total} findings in all");
        }
    }

    private static void WriteDataset(DatasetReport d, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        if (d.Error is not null)
        {
            output.WriteLine($"{d.Path}: not scanned: {d.Error}");
            return;
        }
        var expected = d.ExpectedSamples is { } e && e != d.Samples ? $" (store says {e})" : "";
        var mb = d.Bytes / 1e6;
        var rate = d.Seconds > 0 ? mb / d.Seconds : 0;
        output.WriteLine(string.Create(inv,
            $"{d.Path} [{d.Format}]: {d.Samples} samples{expected}, {mb:0.0} MB in {d.Seconds:0.00} s ({rate:0} MB/s)"));
        if (d.LabelCounts.Count > 0 || d.Unlabelled > 0)
        {
            var labels = d.LabelCounts.Count == 0 ? "none" : string.Join(", ", d.LabelCounts.Take(12).Select(l => $"{l.Key}: {l.Value}"));
            var more = d.LabelCounts.Count > 12 ? $", ... ({d.LabelCounts.Count} labels)" : "";
            var unlabelled = d.Unlabelled > 0 ? $"; {d.Unlabelled} without label" : "";
            var ignored = d.IgnoreLabel is { } v && d.Ignored > 0 ? $"; {d.Ignored} with the ignore label {v}" : "";
            output.WriteLine($"  labels: {labels}{more}{unlabelled}{ignored}");
        }
        if (d.ClassBalance is { } balance) WriteClassBalance(d, balance, output);
        if (d.Masks is { } masks)
            output.WriteLine(string.Create(inv, $"  masks: {masks.Empty} of {masks.Masks} empty ({masks.EmptyFraction:P1})"));
        var nonZero = d.Counts.Where(c => c.Value > 0).ToList();
        if (nonZero.Count == 0)
        {
            output.WriteLine("  no findings");
            return;
        }
        output.WriteLine("  findings: " + string.Join(", ", nonZero.Select(c => $"{c.Key.Name} {c.Value} ({Severities(d, c.Key)})")));
        foreach (var f in d.Findings.Take(FindingsShown))
        {
            var where = f.Sample ?? (f.File is null ? "(dataset)" : f.Offset is null ? f.File : $"{f.File}@{f.Offset}");
            var field = f.Field is null ? "" : $" {f.Field}";
            output.WriteLine($"  {Word(f.Severity),-7} {f.Kind.Name,-17} {where}{field}: {f.Message}");
        }
        var listed = d.Findings.Count;
        var all = nonZero.Sum(c => c.Value);
        if (all > Math.Min(listed, FindingsShown))
            output.WriteLine($"  ... {all - Math.Min(listed, FindingsShown)} more (--json lists up to --max-findings per kind)");
    }

    /// <summary>A compact text histogram (the largest and smallest classes) and one line per batch size.</summary>
    private static void WriteClassBalance(DatasetReport d, ClassBalanceReport balance, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var from = balance.NumClassesFrom switch
        {
            "option" => "given",
            "class-folders" => "the class folders",
            "dense-labels" => "inferred: largest label below the far ones + 1",
            _ => "inferred: largest label + 1",
        };
        output.WriteLine(string.Create(inv, $"  classes: K = {balance.NumClasses} ({from}), {balance.Labelled} labelled samples, {balance.AbsentCount} absent"));
        if (balance.Warning is not null) output.WriteLine($"  warning: {balance.Warning}");
        // The classes present and the absent ones named: not Enumerable.Range(0, K), which a huge K makes endless.
        var counts = d.LabelCounts.Where(l => l.Key >= 0 && l.Key < balance.NumClasses).Select(l => (Class: l.Key, Count: l.Value))
            .Concat(balance.Absent.Select(c => (Class: c, Count: 0L))).ToList();
        var ordered = counts.OrderByDescending(c => c.Count).ThenBy(c => c.Class).ToList();
        var shown = ordered.Count <= 10 ? ordered : [.. ordered.Take(5), .. ordered.TakeLast(5)];
        var max = Math.Max(1, ordered.Count > 0 ? ordered[0].Count : 1);
        for (var i = 0; i < shown.Count; i++)
        {
            if (ordered.Count > 10 && i == 5) output.WriteLine(string.Create(inv, $"    ... {balance.NumClasses - 10} more classes"));
            var (c, n) = shown[i];
            var bar = new string('#', (int)Math.Ceiling(20.0 * n / max));
            output.WriteLine(string.Create(inv, $"    {c,6} {bar,-20} {n} ({(double)n / Math.Max(1, balance.Labelled):P1})"));
        }
        foreach (var b in balance.Batches)
            output.WriteLine(string.Create(inv,
                $"  batch {b.BatchSize}: a shuffled batch misses a class with p = {b.AnyClassMissProbability:0.####}{(b.Exact ? "" : " (bound)")}; storage order: {b.StorageOrderMissing} of {b.StorageOrderBatches} batches miss one{(b.RecommendedBatchSize is { } r ? $"; smallest safe batch: {r}" : "")}"));
    }

    private static string Word(Severity s) => SeverityPolicy.Word(s);

    /// <summary>"error", "warning", or "2 error, 3 warning" when the kind's findings differ.</summary>
    private static string Severities(DatasetReport d, FindingKind kind)
    {
        var split = d.SeverityCounts.Where(c => c.Kind == kind && c.Count > 0).ToList();
        return split.Count == 1 ? Word(split[0].Severity) : string.Join(", ", split.Select(c => $"{c.Count} {Word(c.Severity)}"));
    }
}
