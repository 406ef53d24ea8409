namespace DataScrub.Cli.Reporting.Html.Charts;

/// <summary>The colour key under a chart, in HTML (so it wraps and reads as text).</summary>
public static class ChartLegend
{
    public static void Write(HtmlBuilder html, IEnumerable<ChartSegment> segments, bool withAbsentMark = false)
    {
        html.Append($"<p class=\"legend\">");
        foreach (var s in segments) html.Append($"<span><i class=\"{s.CssClass}\"></i>{s.Name}</span>");
        if (withAbsentMark) html.Append($"<span><i class=\"s-absent\"></i>absent class (no sample)</span>");
        html.Append($"</p>\n");
    }
}
