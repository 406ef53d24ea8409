using DataScrub.Analysis;
using DataScrub.Findings;
using DataScrub.Reporting;
using static System.FormattableString;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>The page's header: the tool, the run's exit code and what it means, the settings the verdicts rest on,
/// and (for several datasets) one line per dataset linking to its part of the page.</summary>
public static class RunSummaryHtml
{
    public static void Write(HtmlBuilder html, ScanReport report)
    {
        html.Append($"<header class=\"run\"><h1>DataScrub report</h1>\n");
        html.Append($"<p><span class=\"muted\">{report.Tool}</span> · exit code <strong id=\"exit-code\">{report.ExitCode}</strong>: {ExitCodeMeaning(report.ExitCode)} · {report.Datasets.Count} dataset{(report.Datasets.Count == 1 ? "" : "s")}</p>\n");
        if (report.Incomplete is { } incomplete)
            html.Append($"<p class=\"note\" id=\"incomplete\"><strong>{IncompleteScanText.Describe(incomplete)}.</strong> {IncompleteScanText.Next(incomplete)}</p>\n");
        if (report.Settings is { } settings) WriteSettings(html, settings);
        else html.Append($"<p class=\"note\">The settings the findings rest on were not recorded with this report.</p>\n");
        if (report.Datasets.Count > 1) WriteOverview(html, report.Datasets);
        html.Append($"</header>\n");
    }

    private static string ExitCodeMeaning(int exitCode) => exitCode switch
    {
        ExitCodes.Clean => "no finding at or above the --fail-on level",
        ExitCodes.Findings => "findings at or above the --fail-on level",
        ExitCodes.Usage => "the command line or an output could not be used",
        ExitCodes.Unreadable => "a dataset could not be read at all",
        ExitCodes.InternalError => "DataScrub failed unexpectedly",
        ExitCodes.Cancelled => "interrupted (SIGINT)",
        ExitCodes.Terminated => "interrupted (SIGTERM)",
        _ => "unknown exit code",
    };

    private static void WriteSettings(HtmlBuilder html, ReportSettings s)
    {
        var classes = s.NumClasses is { } k ? Invariant($"{k:N0} (given)") : "inferred per dataset (see its classes)";
        var loss = s.Loss == LossKind.BatchNormalized ? "batch-normalized (a class missing from a batch is an error)" : "softmax (a class missing from a batch is a warning)";
        var overrides = s.Severities.Overrides.Count == 0
            ? "defaults"
            : string.Join(", ", s.Severities.Overrides.OrderBy(o => FindingKinds.OrderOf(o.Key)).Select(o => o.Key.Name + "=" + SeverityPolicy.Word(o.Value)));
        html.Append($"<p class=\"note\">The settings the verdicts rest on:</p>");
        HtmlFacts.Start(html);
        HtmlFacts.Add(html, "classes (K)", classes);
        HtmlFacts.Add(html, "batch sizes", string.Join(", ", s.BatchSizes));
        HtmlFacts.Add(html, "loss", loss);
        HtmlFacts.Add(html, "ignore label", s.IgnoreLabel is { } ignore ? Invariant($"{ignore}") : "none");
        HtmlFacts.Add(html, "severity overrides", overrides);
        HtmlFacts.End(html);
    }

    private static void WriteOverview(HtmlBuilder html, IReadOnlyList<DatasetReport> datasets)
    {
        html.Append($"<table class=\"overview\"><thead><tr><th>dataset</th><th>format</th><th class=\"num\">samples</th><th class=\"num\">errors</th><th class=\"num\">warnings</th><th>verdict</th></tr></thead><tbody>\n");
        for (var i = 0; i < datasets.Count; i++)
        {
            var d = datasets[i];
            var verdict = DatasetVerdict.Of(d);
            html.Append($"<tr><td><a href=\"#{DatasetAnchor(i)}\">{d.Path}</a></td><td>{d.Format ?? "—"}</td><td class=\"num\">{(d.Definition ? "definition" : Invariant($"{d.Samples:N0}"))}</td>");
            html.Append($"<td class=\"num\">{DatasetVerdict.Count(d, Severity.Error):N0}</td><td class=\"num\">{DatasetVerdict.Count(d, Severity.Warning):N0}</td><td><span class=\"verdict {verdict.CssClass}\">{verdict.Word}</span></td></tr>\n");
        }
        html.Append($"</tbody></table>\n");
    }

    /// <summary>The id of the <paramref name="index"/>th dataset's part of the page.</summary>
    public static string DatasetAnchor(int index) => Invariant($"dataset-{index + 1}");
}
