using System.Globalization;
using DataScrub.Findings;
using DataScrub.Reporting;

namespace DataScrub.Cli.Reporting;

/// <summary>The one-screen human summary: per dataset the totals, the sections' lines (labels, classes, masks),
/// counts per kind and the first findings with their sample keys.</summary>
internal sealed class ConsoleReportSink(TextWriter output) : IReportSink
{
    public const int FindingsShown = 20;

    public void Write(ScanReport report)
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
        foreach (var section in d.Sections) section.WriteConsole(output);
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

    private static string Word(Severity s) => SeverityPolicy.Word(s);

    /// <summary>"error", "warning", or "2 error, 3 warning" when the kind's findings differ.</summary>
    private static string Severities(DatasetReport d, FindingKind kind)
    {
        var split = d.SeverityCounts.Where(c => c.Kind == kind && c.Count > 0).ToList();
        return split.Count == 1 ? Word(split[0].Severity) : string.Join(", ", split.Select(c => $"{c.Count} {Word(c.Severity)}"));
    }
}
