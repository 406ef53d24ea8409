using DataScrub.Findings;
using DataScrub.Reporting;
using static System.FormattableString;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>
/// The listed findings as a table with filters by kind, severity and text (<see cref="HtmlPageScript"/>). The
/// report already lists at most <c>--max-findings</c> per kind; the page lists fewer still
/// (<see cref="MaxRowsPerKind"/>, <see cref="MaxRows"/>), so that it stays quick to open, and says how many it left
/// out.
/// </summary>
public static class FindingsTableHtml
{
    public const int MaxRowsPerKind = 200;

    public const int MaxRows = 2000;

    public static void Write(HtmlBuilder html, DatasetReport d, ClassLabels classes)
    {
        if (d.Findings.Count == 0) return;
        var rows = Rows(d.Findings);
        var kinds = d.Counts.Where(c => c.Value > 0).Select(c => c.Key).ToList();
        html.Append($"<h3>Findings</h3>\n<div class=\"findings-panel\">\n<div class=\"filters\"><div class=\"group\"><strong>kind</strong>");
        foreach (var kind in kinds)
        {
            var listed = rows.Count(f => f.Kind == kind);
            html.Append($"<label><input type=\"checkbox\" data-filter=\"kind\" value=\"{kind.Name}\" checked> {kind.Name} ({listed:N0})</label>");
        }
        html.Append($"<button type=\"button\" data-all=\"kind\" value=\"all\">all</button><button type=\"button\" data-all=\"kind\" value=\"none\">none</button></div>");
        html.Append($"<div class=\"group\"><strong>severity</strong>");
        foreach (var severity in new[] { Severity.Error, Severity.Warning })
        {
            var word = SeverityPolicy.Word(severity);
            html.Append($"<label><input type=\"checkbox\" data-filter=\"severity\" value=\"{word}\" checked> {word} ({rows.Count(f => f.Severity == severity):N0})</label>");
        }
        html.Append($"</div><input type=\"search\" placeholder=\"sample, file or message contains…\" aria-label=\"filter findings by text\"><span class=\"shown note\"></span></div>\n");
        html.Append($"<div class=\"scroll\"><table class=\"findings\" data-rows=\"{rows.Count}\" data-visible-rows=\"{rows.Count}\"><thead><tr><th class=\"num\">index</th><th>severity</th><th>kind</th><th>sample</th><th>where</th><th>message</th></tr></thead><tbody>\n");
        foreach (var f in rows)
        {
            var word = SeverityPolicy.Word(f.Severity);
            html.Append($"<tr data-kind=\"{f.Kind.Name}\" data-severity=\"{word}\"><td class=\"num\">{(f.SampleIndex is { } i ? Invariant($"{i}") : "")}</td><td class=\"sev-{word}\">{word}</td><td><code>{f.Kind.Name}</code></td>");
            html.Append($"<td class=\"key\">{f.Sample ?? "(dataset)"}</td><td>{Where(f, classes)}</td><td class=\"msg\">{f.Message}</td></tr>\n");
        }
        html.Append($"</tbody></table></div>\n");
        var left = d.Counts.Sum(c => c.Value) - rows.Count;
        if (left > 0)
            html.Append($"<p class=\"note\">{left:N0} more findings are counted above but not listed here: the page lists at most {MaxRowsPerKind:N0} per kind and {MaxRows:N0} in all, the JSON report (--json) up to --max-findings per kind.</p>\n");
        html.Append($"</div>\n");
    }

    /// <summary>The first <see cref="MaxRowsPerKind"/> of each kind, in report order, <see cref="MaxRows"/> at most.</summary>
    public static IReadOnlyList<Finding> Rows(IReadOnlyList<Finding> findings)
    {
        var perKind = new Dictionary<FindingKind, int>();
        var rows = new List<Finding>();
        foreach (var f in findings)
        {
            if (rows.Count == MaxRows) break;
            var n = perKind.GetValueOrDefault(f.Kind);
            if (n == MaxRowsPerKind) continue;
            perKind[f.Kind] = n + 1;
            rows.Add(f);
        }
        return rows;
    }

    /// <summary>Where inside the sample or the store: the field and value index, the store file and offset, the rows,
    /// the class, channel or batch size a dataset finding is about, the sample a duplicate repeats.</summary>
    private static string Where(Finding f, ClassLabels classes)
    {
        var parts = new List<string>();
        if (f.Field is not null) parts.Add(f.Index is { } index ? Invariant($"{f.Field}[{index}]") : f.Field);
        if (f.File is not null) parts.Add(f.Line is { } line ? Invariant($"{f.File}:{line}") : f.Offset is { } offset ? Invariant($"{f.File} @ {offset}") : f.File);
        if (f.FirstRow is { } row) parts.Add(f.RowCount is { } rowCount ? Invariant($"rows {row}–{row + rowCount - 1}") : Invariant($"row {row}"));
        if (f.Class is { } c) parts.Add("class " + classes.Text(c));
        if (f.Channel is { } channel) parts.Add(Invariant($"channel {channel}"));
        if (f.BatchSize is { } batch) parts.Add(Invariant($"batch size {batch}"));
        if (f.Of is not null) parts.Add("repeats " + f.Of);
        return string.Join("; ", parts);
    }
}
