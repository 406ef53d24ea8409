using DataScrub.Findings;
using DataScrub.Reporting;
using static System.FormattableString;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>The top of a dataset's part of the page: its path and verdict, what was read (samples against what the
/// store says it holds, bytes, time), and the findings per kind, each kind linking to the findings table filtered
/// to it.</summary>
public static class DatasetSummaryHtml
{
    public static void Write(HtmlBuilder html, DatasetReport d)
    {
        var verdict = DatasetVerdict.Of(d);
        html.Append($"<h2>{d.Path} <span class=\"verdict {verdict.CssClass}\">{verdict.Word}</span></h2>\n");
        if (d.Error is not null)
        {
            html.Append($"<p class=\"sev-error\">Not scanned: {d.Error}</p>\n");
            return;
        }
        var expected = d.ExpectedSamples is { } e ? e == d.Samples ? " (all the store holds)" : Invariant($" (the store says {e:N0})") : "";
        var rate = d.Seconds > 0 ? Invariant($", {d.Bytes / 1e6 / d.Seconds:0.#} MB/s") : "";
        HtmlFacts.Start(html);
        HtmlFacts.Add(html, "format", d.Format ?? "unknown");
        if (!d.Definition)
        {
            // A training definition (a prototxt) has findings, no samples.
            HtmlFacts.Add(html, "samples", Invariant($"{d.Samples:N0}{expected}"));
            HtmlFacts.Add(html, "bytes read", Invariant($"{ByteSize(d.Bytes)} ({d.Bytes:N0} bytes)"));
            HtmlFacts.Add(html, "seconds", Invariant($"{d.Seconds:0.00}{rate}"));
        }
        HtmlFacts.Add(html, "errors", Invariant($"{DatasetVerdict.Count(d, Severity.Error):N0}"), DatasetVerdict.Count(d, Severity.Error) > 0 ? "sev-error" : null);
        HtmlFacts.Add(html, "warnings", Invariant($"{DatasetVerdict.Count(d, Severity.Warning):N0}"), DatasetVerdict.Count(d, Severity.Warning) > 0 ? "sev-warning" : null);
        HtmlFacts.End(html);
        WriteCounts(html, d);
    }

    private static void WriteCounts(HtmlBuilder html, DatasetReport d)
    {
        var kinds = d.Counts.Where(c => c.Value > 0).ToList();
        if (kinds.Count == 0)
        {
            html.Append($"<p>No findings.</p>\n");
            return;
        }
        html.Append($"<h3>Findings per kind</h3>\n<table class=\"counts\"><thead><tr><th>kind</th><th>level</th><th class=\"num\">errors</th><th class=\"num\">warnings</th><th class=\"num\">listed</th><th>what it means</th></tr></thead><tbody>\n");
        foreach (var (kind, count) in kinds)
        {
            var errors = d.SeverityCounts.Where(c => c.Kind == kind && c.Severity == Severity.Error).Sum(c => c.Count);
            var warnings = d.SeverityCounts.Where(c => c.Kind == kind && c.Severity == Severity.Warning).Sum(c => c.Count);
            var listed = d.Findings.Count(f => f.Kind == kind);
            html.Append($"<tr data-kind=\"{kind.Name}\"><td><a href=\"#kind={Uri.EscapeDataString(kind.Name)}\"><code>{kind.Name}</code></a></td><td>{kind.Level switch { FindingLevel.Sample => "sample", FindingLevel.Definition => "definition", _ => "dataset" }}</td>");
            html.Append($"<td class=\"num\">{errors:N0}</td><td class=\"num\">{warnings:N0}</td><td class=\"num\">{listed:N0}{(listed < count ? Invariant($" of {count:N0}") : "")}</td><td>{kind.Description}</td></tr>\n");
        }
        html.Append($"</tbody></table>\n");
    }

    private static string ByteSize(long bytes) => bytes switch
    {
        >= 1_000_000_000 => Invariant($"{bytes / 1e9:0.##} GB"),
        >= 1_000_000 => Invariant($"{bytes / 1e6:0.##} MB"),
        >= 1_000 => Invariant($"{bytes / 1e3:0.##} kB"),
        _ => Invariant($"{bytes} B"),
    };
}
