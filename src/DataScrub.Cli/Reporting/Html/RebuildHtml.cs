using DataScrub.Rebuild;
using static System.FormattableString;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>The <c>rebuild</c> section: where the cleaned copy went, what was dropped and why, and the time per
/// phase. The dropped files and samples are listed up to <see cref="MaxListed"/> each (the manifest has them all).</summary>
public static class RebuildHtml
{
    public const int MaxListed = 200;

    public static void Write(HtmlBuilder html, RebuildSummary r)
    {
        html.Append($"<h3>Rebuild{(r.DryRun ? " (dry run: nothing written)" : "")}</h3>\n");
        HtmlFacts.Start(html);
        HtmlFacts.Add(html, "destination", r.Destination);
        HtmlFacts.Add(html, "source samples", Invariant($"{r.Source:N0}"));
        HtmlFacts.Add(html, "dropped", Invariant($"{r.Dropped:N0}") + (r.DroppedKinds.Count > 0 ? " (" + string.Join(", ", r.DroppedKinds) + ")" : ""));
        HtmlFacts.Add(html, r.DryRun ? "would write" : "written", Invariant($"{r.Written:N0}"));
        HtmlFacts.Add(html, "verified", r.Verified ? "yes: the copy was re-read and re-scanned before it was put in place" : "no");
        if (r.Seconds.Count > 0) HtmlFacts.Add(html, "seconds", string.Join(", ", r.Seconds.Select(s => s.Key + " " + s.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))));
        HtmlFacts.End(html);
        foreach (var note in r.Notes) html.Append($"<p class=\"note\">{note}</p>\n");
        if (r.StaleRemoved.Count > 0) html.Append($"<p class=\"note\">Removed stale files: {string.Join(", ", r.StaleRemoved)}</p>\n");
        if (r.DroppedFiles.Count > 0)
        {
            html.Append($"<h4>Files left out whole</h4>\n<table class=\"dropped-files\"><thead><tr><th>file</th><th>kinds</th><th class=\"num\">samples</th><th>reason</th></tr></thead><tbody>\n");
            foreach (var f in r.DroppedFiles.Take(MaxListed))
                html.Append($"<tr><td class=\"key\">{f.Name}</td><td>{string.Join(", ", f.Kinds)}</td><td class=\"num\">{f.Samples:N0}</td><td>{f.Reason}</td></tr>\n");
            html.Append($"</tbody></table>\n");
            if (r.DroppedFiles.Count > MaxListed) html.Append($"<p class=\"note\">{r.DroppedFiles.Count - MaxListed:N0} more in the manifest.</p>\n");
        }
        if (r.DroppedSamples.Count > 0)
        {
            html.Append($"<h4>Samples dropped</h4>\n<table class=\"dropped-samples\"><thead><tr><th class=\"num\">index</th><th>sample</th><th>kinds</th></tr></thead><tbody>\n");
            foreach (var s in r.DroppedSamples.Take(MaxListed))
                html.Append($"<tr><td class=\"num\">{s.Index}</td><td class=\"key\">{s.Id}</td><td>{string.Join(", ", s.Kinds)}</td></tr>\n");
            html.Append($"</tbody></table>\n");
            if (r.DroppedSamples.Count > MaxListed) html.Append($"<p class=\"note\">{r.DroppedSamples.Count - MaxListed:N0} more in the manifest.</p>\n");
        }
    }
}
