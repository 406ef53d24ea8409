namespace DataScrub.Cli.Reporting.Html.Charts;

/// <summary>
/// Thin columns side by side along one axis: for hundreds of items (the classes of a 1,000-class dataset, the
/// stretches of storage order), where labels cannot all be written. Each column carries its label and numbers in a
/// hover <c>title</c>, over a full-height hit area so that a short column is as easy to point at as a tall one; a
/// marked item (an absent class) gets a red tick under the axis, visible however many columns there are.
/// </summary>
public static class SvgColumnChart
{
    /// <summary>About one column per pixel at the chart's width: callers merge more items into buckets first.</summary>
    public const int MaxColumns = 1000;

    private const double Width = 1000, Left = 64, Right = 8, Top = 8, PlotHeight = 140, Bottom = 44;

    /// <param name="axisCaption">What the horizontal axis runs along (<c>class, by label</c>).</param>
    /// <param name="scaleMax">The value the full height stands for (null: the largest total).</param>
    public static void Write(HtmlBuilder html, string title, IReadOnlyList<ChartBar> bars, IReadOnlyList<ChartSegment> segments,
        string axisCaption, double? scaleMax = null, string tickFormat = "#,0.##")
    {
        if (bars.Count > MaxColumns) throw new ArgumentException($"{bars.Count} columns for '{title}': at most {MaxColumns}", nameof(bars));
        var scale = ChartScale.For(scaleMax ?? (bars.Count == 0 ? 0 : bars.Max(b => b.Total)));
        var plotWidth = Width - Left - Right;
        var height = Top + PlotHeight + Bottom;
        var bottom = Top + PlotHeight;
        html.Append($"<svg class=\"chart columns\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{title}\"><title>{title}</title>\n");
        foreach (var tick in scale.Ticks)
        {
            var y = bottom - scale.Scale(tick, PlotHeight);
            html.Append($"<line class=\"grid\" x1=\"{Left}\" y1=\"{y:0.##}\" x2=\"{Width - Right}\" y2=\"{y:0.##}\"/><text class=\"tick\" x=\"{Left - 6}\" y=\"{y + 4:0.##}\" text-anchor=\"end\">{tick.ToString(tickFormat, System.Globalization.CultureInfo.InvariantCulture)}</text>");
        }
        html.Append($"\n");
        var totalWeight = bars.Sum(b => Math.Max(b.Weight, 0));
        var x = Left;
        foreach (var bar in bars)
        {
            var w = totalWeight > 0 ? plotWidth * Math.Max(bar.Weight, 0) / totalWeight : 0;
            // Columns narrower than a pixel would vanish in anti-aliasing; a gap only where there is room for one.
            var gap = w >= 4 ? 1 : 0;
            html.Append($"<g class=\"bar\"><title>{bar.Tooltip}</title><rect class=\"hit\" x=\"{x:0.##}\" y=\"{Top}\" width=\"{w:0.##}\" height=\"{PlotHeight}\"/>");
            var y = bottom;
            for (var s = 0; s < segments.Count && s < bar.Values.Count; s++)
            {
                var h = scale.Scale(bar.Values[s], PlotHeight);
                if (h <= 0) continue;
                h = Math.Max(h, 1);
                y -= h;
                html.Append($"<rect class=\"{segments[s].CssClass}\" x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{Math.Max(w - gap, 0.5):0.##}\" height=\"{h:0.##}\"/>");
            }
            if (bar.Marked) html.Append($"<rect class=\"s-absent\" x=\"{x:0.##}\" y=\"{bottom + 3}\" width=\"{Math.Max(w - gap, 1.5):0.##}\" height=\"8\"/>");
            html.Append($"</g>\n");
            x += w;
        }
        html.Append($"<line class=\"axis\" x1=\"{Left}\" y1=\"{bottom}\" x2=\"{Width - Right}\" y2=\"{bottom}\"/>");
        if (bars.Count > 0)
        {
            html.Append($"<text class=\"tick\" x=\"{Left}\" y=\"{bottom + 24}\">{ChartLabel.Fit(bars[0].Label, 40)}</text>");
            if (bars.Count > 1)
                html.Append($"<text class=\"tick\" x=\"{Width - Right}\" y=\"{bottom + 24}\" text-anchor=\"end\">{ChartLabel.Fit(bars[^1].Label, 40)}</text>");
        }
        html.Append($"<text class=\"caption\" x=\"{Left + plotWidth / 2:0.##}\" y=\"{bottom + 40}\" text-anchor=\"middle\">{axisCaption}</text>");
        html.Append($"</svg>\n");
        ChartLegend.Write(html, segments.Count > 1 ? segments : [], bars.Any(b => b.Marked));
    }
}
