namespace DataScrub.Cli.Reporting.Html.Charts;

/// <summary>
/// A bar per item, label on the left and value on the right: for a few dozen items (classes of a small dataset,
/// channels, files), where every label can be read without hovering. Inline SVG, so it stays crisp at any zoom and
/// every bar carries its exact numbers in a <c>title</c> tooltip.
/// </summary>
public static class SvgHorizontalBarChart
{
    /// <summary>More would make a chart taller than a screen; callers show the largest and say how many are left out.</summary>
    public const int MaxBars = 60;

    // Two fit side by side on a laptop screen (the page lays charts out in a wrapping row).
    private const double Width = 560, LabelWidth = 160, ValueWidth = 140, RowHeight = 20, BarHeight = 14, AxisHeight = 22;
    private const int LabelChars = 22;

    /// <param name="scaleMax">The value the full bar width stands for (null: the largest total).</param>
    public static void Write(HtmlBuilder html, string title, IReadOnlyList<ChartBar> bars, IReadOnlyList<ChartSegment> segments, double? scaleMax = null,
        string tickFormat = "#,0.##")
    {
        if (bars.Count > MaxBars) throw new ArgumentException($"{bars.Count} bars for '{title}': at most {MaxBars}", nameof(bars));
        var scale = ChartScale.For(scaleMax ?? (bars.Count == 0 ? 0 : bars.Max(b => b.Total)));
        var plot = Width - LabelWidth - ValueWidth;
        var height = bars.Count * RowHeight + AxisHeight;
        html.Append($"<svg class=\"chart hbar\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{title}\"><title>{title}</title>\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = i * RowHeight;
            html.Append($"<g class=\"bar\"><title>{bar.Tooltip}</title><rect class=\"hit\" x=\"0\" y=\"{y}\" width=\"{Width}\" height=\"{RowHeight}\"/>");
            html.Append($"<text class=\"{(bar.Marked ? "label marked" : "label")}\" x=\"{LabelWidth - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{ChartLabel.Fit(bar.Label, LabelChars)}</text>");
            var x = LabelWidth;
            for (var s = 0; s < segments.Count && s < bar.Values.Count; s++)
            {
                var w = scale.Scale(bar.Values[s], plot);
                if (w <= 0) continue;
                // A non-zero value is at least a hairline: 1 bad sample among a million must still show.
                w = Math.Max(w, 1);
                html.Append($"<rect class=\"{segments[s].CssClass}\" x=\"{x:0.##}\" y=\"{y + 3}\" width=\"{w:0.##}\" height=\"{BarHeight}\"/>");
                x += w;
            }
            if (bar.Marked) html.Append($"<rect class=\"s-absent\" x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"3\" height=\"{BarHeight}\"/>");
            html.Append($"<text class=\"value\" x=\"{x + 6:0.##}\" y=\"{y + 14}\">{bar.ValueText ?? bar.Total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}</text></g>\n");
        }
        var axisY = bars.Count * RowHeight + 2;
        html.Append($"<line class=\"axis\" x1=\"{LabelWidth}\" y1=\"{axisY}\" x2=\"{LabelWidth + plot}\" y2=\"{axisY}\"/>");
        foreach (var tick in scale.Ticks)
        {
            var tx = LabelWidth + scale.Scale(tick, plot);
            var anchor = tick == 0 ? "start" : tick == scale.Max ? "end" : "middle";
            html.Append($"<text class=\"tick\" x=\"{tx:0.##}\" y=\"{axisY + 16}\" text-anchor=\"{anchor}\">{tick.ToString(tickFormat, System.Globalization.CultureInfo.InvariantCulture)}</text>");
        }
        html.Append($"</svg>\n");
        ChartLegend.Write(html, segments.Count > 1 ? segments : [], bars.Any(b => b.Marked));
    }
}
