using System.Globalization;
using System.Text;
using DataScrub.Findings;
using DataScrub.Reporting;
using DataScrub.Reporting.Baseline;

namespace DataScrub.Cli.Reporting;

/// <summary>
/// The markdown summary for a CI job page (<c>$GITHUB_STEP_SUMMARY</c>, a merge request note): the verdict, one
/// table row per dataset, and per dataset with findings its counts per kind, what is new since a baseline and the
/// first findings. Short by design: the JSON and HTML reports hold the rest. Every dataset-supplied text (paths,
/// keys, messages) is escaped, so a key cannot break the table or inject markup.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>Findings listed per dataset.</summary>
    public const int FindingsListed = 10;

    public static string ToMarkdown(ScanReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var errors = report.Datasets.Sum(d => d.SeverityCounts.Where(c => c.Severity == Severity.Error).Sum(c => c.Count));
        var warnings = report.Datasets.Sum(d => d.SeverityCounts.Where(c => c.Severity == Severity.Warning).Sum(c => c.Count));
        var verdict = report.ExitCode switch
        {
            0 => "passed",
            1 => "failed: findings at or above --fail-on",
            3 => "failed: a dataset could not be read",
            _ => $"exit {report.ExitCode}",
        };
        if (report.Incomplete is not null) verdict = $"incomplete ({verdict})";
        text.Append(inv, $"## DataScrub: {verdict}\n\n");
        if (report.Incomplete is { } incomplete)
            text.Append(inv, $"> **{Escape(IncompleteScanText.Describe(incomplete))}**; {Escape(IncompleteScanText.Next(incomplete))}\n\n");
        text.Append(inv, $"{report.Datasets.Count} dataset{(report.Datasets.Count == 1 ? "" : "s")}, {report.Datasets.Sum(d => d.Samples)} samples, {errors} error{Plural(errors)} and {warnings} warning{Plural(warnings)} (exit code {report.ExitCode}, {Escape(report.Tool)}).\n\n");
        var compared = report.Datasets.Any(d => d.Section<BaselineSection>() is not null);
        text.Append(compared ? "| dataset | format | samples | errors | warnings | new since baseline |\n|---|---|--:|--:|--:|---|\n"
            : "| dataset | format | samples | errors | warnings |\n|---|---|--:|--:|--:|\n");
        foreach (var d in report.Datasets)
        {
            var e = d.SeverityCounts.Where(c => c.Severity == Severity.Error).Sum(c => c.Count);
            var w = d.SeverityCounts.Where(c => c.Severity == Severity.Warning).Sum(c => c.Count);
            var baseline = d.Section<BaselineSection>() is { } b ? NewSummary(b) : "";
            var samples = d.Error is not null ? "not scanned" : d.Definition ? "definition" : d.Samples.ToString(inv);
            text.Append(inv, $"| {Escape(d.Path)} | {Escape(d.Format ?? "?")} | {samples} | {e} | {w} |{(compared ? $" {baseline} |" : "")}\n");
        }
        foreach (var d in report.Datasets) WriteDataset(text, d);
        return text.ToString();
    }

    private static void WriteDataset(StringBuilder text, DatasetReport d)
    {
        if (d.Error is not null)
        {
            text.Append("\n### ").Append(Escape(d.Path)).Append("\n\nNot scanned: ").Append(Escape(d.Error)).Append('\n');
            return;
        }
        var nonZero = d.Counts.Where(c => c.Value > 0).ToList();
        var baseline = d.Section<BaselineSection>();
        if (nonZero.Count == 0 && baseline is null) return;
        text.Append("\n### ").Append(Escape(d.Path)).Append("\n\n");
        if (nonZero.Count > 0)
        {
            text.Append("| kind | findings | severity |\n|---|--:|---|\n");
            foreach (var (kind, count) in nonZero)
            {
                var severities = string.Join(", ", d.SeverityCounts.Where(c => c.Kind == kind && c.Count > 0).Select(c => SeverityPolicy.Word(c.Severity)));
                text.Append(CultureInfo.InvariantCulture, $"| `{kind.Name}` | {count} | {severities} |\n");
            }
        }
        if (baseline is not null)
            text.Append("\nSince the baseline ").Append(Escape(baseline.File)).Append(": ").Append(NewSummary(baseline))
                .Append(baseline.Drift is { } drift ? string.Create(CultureInfo.InvariantCulture, $"; label drift {drift.TotalVariation:0.####} (threshold {drift.Threshold:0.####})") : "")
                .Append(".\n");
        var names = ClassNameLookup.Of(d);
        if (d.Findings.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nFirst findings ({Math.Min(FindingsListed, d.Findings.Count)} of {nonZero.Sum(c => c.Value)}):\n\n");
            foreach (var f in d.Findings.Take(FindingsListed))
            {
                var where = f.Sample ?? (f.File is not null && f.Line is { } line ? $"{f.File}:{line}" : f.File) ?? "(dataset)";
                text.Append("- **").Append(SeverityPolicy.Word(f.Severity)).Append("** `").Append(f.Kind.Name).Append("` ")
                    .Append(Escape(where)).Append(f.Field is null ? "" : " " + Escape(f.Field)).Append(": ").Append(Escape(names.Annotate(f))).Append('\n');
            }
        }
    }

    private static string NewSummary(BaselineSection b) =>
        b.Matched is null ? "not in the baseline: all new"
        : b.New.Count == 0 ? "nothing new"
        : string.Join(", ", b.New.Select(n => $"{n.Kind.Name} {n.Count}")) + (b.Exact ? "" : " (at least)");

    private static string Plural(long n) => n == 1 ? "" : "s";

    /// <summary>Text as markdown shows it literally: the characters that start markup backslash-escaped (emphasis, code, links, tables), HTML's special characters
    /// as entities, line breaks as spaces (a table row is one line).</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '\r' or '\n': escaped.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~':
                    escaped.Append('\\').Append(c);
                    break;
                default: escaped.Append(c); break;
            }
        }
        return escaped.ToString();
    }
}
