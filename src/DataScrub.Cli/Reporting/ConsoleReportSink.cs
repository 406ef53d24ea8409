using System.Globalization;
using DataScrub.Findings;
using DataScrub.Reporting;

namespace DataScrub.Cli.Reporting;

/// <summary>The one-screen human summary: per dataset the totals, the sections' lines (labels, classes, masks),
/// counts per kind and the first findings with their sample keys; class names beside class indices where the
/// dataset names its classes; in colour on a terminal (<see cref="CliStreams.UseColor"/>).</summary>
internal sealed class ConsoleReportSink(TextWriter output, bool color = false) : IReportSink
{
    public const int FindingsShown = 20;

    private readonly ConsoleStyle style = new(color);

    public void Write(ScanReport report)
    {
        if (report.Shard is { } shard)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"shard {shard.Index}/{shard.Count}: this shard's samples only (numbered from its first); 'datascrub merge' gives the dataset's verdict"));
        if (report.Incomplete is { } incomplete) output.WriteLine(IncompleteScanText.Describe(incomplete));
        foreach (var d in report.Datasets) WriteDataset(d, report.Shard is not null);
        if (report.Datasets.Count > 1)
        {
            var total = report.Datasets.Sum(d => d.Counts.Sum(c => c.Value));
            output.WriteLine($"{report.Datasets.Count} datasets, {total} findings in all");
        }
        if (report.Incomplete is { } stopped) output.WriteLine(IncompleteScanText.Next(stopped));
    }

    private void WriteDataset(DatasetReport d, bool shard)
    {
        var inv = CultureInfo.InvariantCulture;
        if (d.Error is not null)
        {
            output.WriteLine($"{style.Bold(d.Path)}: {style.Error("not scanned")}: {d.Error}");
            return;
        }
        if (d.Definition)
        {
            output.WriteLine($"{style.Bold(d.Path)} [{d.Format}]");
            WriteSectionsAndFindings(d);
            return;
        }
        var expected = d.ExpectedSamples is { } e && e != d.Samples ? shard ? $" of the store's {e}" : $" (store says {e})" : "";
        var mb = d.Bytes / 1e6;
        var rate = d.Seconds > 0 ? mb / d.Seconds : 0;
        output.WriteLine(style.Bold(d.Path) + string.Create(inv,
            $" [{d.Format}]: {d.Samples} samples{expected}, {mb:0.0} MB in {d.Seconds:0.00} s ({rate:0} MB/s)"));
        WriteSectionsAndFindings(d);
    }

    private void WriteSectionsAndFindings(DatasetReport d)
    {
        foreach (var section in d.Sections) section.WriteConsole(output);
        var nonZero = d.Counts.Where(c => c.Value > 0).ToList();
        if (nonZero.Count == 0)
        {
            output.WriteLine("  " + style.Good("no findings"));
            return;
        }
        output.WriteLine("  findings: " + string.Join(", ", nonZero.Select(c => $"{c.Key.Name} {c.Value} ({Severities(d, c.Key)})")));
        var names = ClassNameLookup.Of(d);
        foreach (var f in d.Findings.Take(FindingsShown))
        {
            var where = f.Sample ?? (f.File is null ? "(dataset)" : f.Line is { } line ? $"{f.File}:{line}" : f.Offset is null ? f.File : $"{f.File}@{f.Offset}");
            var field = f.Field is null ? "" : $" {f.Field}";
            output.WriteLine($"  {style.Severity(f.Severity, $"{Word(f.Severity),-7}")} {f.Kind.Name,-17} {where}{field}: {names.Annotate(f)}");
        }
        var listed = d.Findings.Count;
        var all = nonZero.Sum(c => c.Value);
        if (all > Math.Min(listed, FindingsShown))
            output.WriteLine($"  ... {all - Math.Min(listed, FindingsShown)} more (--json lists up to --max-findings per kind)");
    }

    private static string Word(Severity s) => SeverityPolicy.Word(s);

    /// <summary>"error", "warning", or "2 error, 3 warning" when the kind's findings differ.</summary>
    private string Severities(DatasetReport d, FindingKind kind)
    {
        var split = d.SeverityCounts.Where(c => c.Kind == kind && c.Count > 0).ToList();
        return split.Count == 1 ? style.Severity(split[0].Severity, Word(split[0].Severity))
            : string.Join(", ", split.Select(c => $"{c.Count} {style.Severity(c.Severity, Word(c.Severity))}"));
    }
}
