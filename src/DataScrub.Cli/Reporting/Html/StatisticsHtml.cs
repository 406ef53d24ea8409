using DataScrub.Analysis.Statistics;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>The <c>statistics</c> section: a row per channel (mean, standard deviation, min, max of its finite
/// values); a zero standard deviation, which standardisation divides by, is marked. At most <see cref="MaxRows"/>
/// rows (a flat HDF5 feature row can have thousands of channels; the JSON report has them all).</summary>
public static class StatisticsHtml
{
    public const int MaxRows = 256;

    public static void Write(HtmlBuilder html, ChannelStatisticsSection section)
    {
        if (section.Channels.Count == 0) return;
        html.Append($"<h3>Channel statistics</h3>\n<table class=\"statistics\"><thead><tr><th class=\"num\">channel</th><th class=\"num\">values</th><th class=\"num\">mean</th><th class=\"num\">std</th><th class=\"num\">min</th><th class=\"num\">max</th></tr></thead><tbody>\n");
        foreach (var c in section.Channels.Take(MaxRows))
        {
            var constant = c.Count > 0 && c.StandardDeviation == 0;
            html.Append($"<tr><td class=\"num\">{c.Channel}</td><td class=\"num\">{c.Count:N0}</td><td class=\"num\">{Number(c.Mean)}</td>");
            html.Append($"<td class=\"{(constant ? "num sev-error" : "num")}\">{Number(c.StandardDeviation)}{(constant ? " (constant)" : "")}</td><td class=\"num\">{Number(c.Min)}</td><td class=\"num\">{Number(c.Max)}</td></tr>\n");
        }
        html.Append($"</tbody></table>\n");
        if (section.Channels.Count > MaxRows)
            html.Append($"<p class=\"note\">{section.Channels.Count - MaxRows:N0} more channels are in the JSON report.</p>\n");
    }

    /// <summary>Six significant digits; a channel without finite values has none.</summary>
    private static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
