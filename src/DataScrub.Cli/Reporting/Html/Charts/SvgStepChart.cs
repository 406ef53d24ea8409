namespace DataScrub.Cli.Reporting.Html.Charts;

/// <summary>
/// Lines of steps along one axis with a dashed reference level: class coverage of storage-order batches against K
/// (a value held over a run of batches is a step, not a slope between two points). Each stretch of the axis is a
/// hover area with its exact numbers.
/// </summary>
public static class SvgStepChart
{
    /// <summary>Steps per series and hover bands at most; callers merge runs first.</summary>
    public const int MaxSteps = 500;

    private const double Width = 1000, Left = 64, Right = 8, Top = 22, PlotHeight = 120, Bottom = 44;

    /// <param name="scale">The vertical axis (K for class coverage, so the reference line is the top).</param>
    public static void Write(HtmlBuilder html, string title, IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartBand> bands,
        ChartScale scale, double axisFrom, double axisTo, string axisCaption, double? reference, string referenceLabel)
    {
        if (series.Any(s => s.Steps.Count > MaxSteps) || bands.Count > MaxSteps)
            throw new ArgumentException($"more than {MaxSteps} steps for '{title}'", nameof(series));
        var plotWidth = Width - Left - Right;
        var bottom = Top + PlotHeight;
        var height = bottom + Bottom;
        var span = Math.Max(axisTo - axisFrom, 1e-9);
        double X(double v) => Left + Math.Clamp((v - axisFrom) / span, 0, 1) * plotWidth;
        double Y(double v) => bottom - scale.Scale(v, PlotHeight);

        html.Append($"<svg class=\"chart steps\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{title}\"><title>{title}</title>\n");
        foreach (var tick in scale.Ticks)
            html.Append($"<line class=\"grid\" x1=\"{Left}\" y1=\"{Y(tick):0.##}\" x2=\"{Width - Right}\" y2=\"{Y(tick):0.##}\"/><text class=\"tick\" x=\"{Left - 6}\" y=\"{Y(tick) + 4:0.##}\" text-anchor=\"end\">{tick:#,0.##}</text>");
        if (reference is { } level)
            html.Append($"<line class=\"reference\" x1=\"{Left}\" y1=\"{Y(level):0.##}\" x2=\"{Width - Right}\" y2=\"{Y(level):0.##}\"><title>{referenceLabel}</title></line><text class=\"reference\" x=\"{Width - Right}\" y=\"{Y(level) - 4:0.##}\" text-anchor=\"end\">{referenceLabel}</text>");
        html.Append($"\n");
        foreach (var band in bands)
            html.Append($"<rect class=\"hit band\" x=\"{X(band.From):0.##}\" y=\"{Top}\" width=\"{Math.Max(X(band.To) - X(band.From), 0.5):0.##}\" height=\"{PlotHeight}\"><title>{band.Tooltip}</title></rect>\n");
        foreach (var s in series)
        {
            if (s.Steps.Count == 0) continue;
            var path = new System.Text.StringBuilder();
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            path.Append(inv, $"M{X(s.Steps[0].From):0.##} {Y(s.Steps[0].Value):0.##}");
            foreach (var step in s.Steps) path.Append(inv, $"V{Y(step.Value):0.##}H{X(step.To):0.##}");
            html.Append($"<path class=\"line {s.Segment.CssClass}\" d=\"{path.ToString()}\"/>\n");
        }
        html.Append($"<line class=\"axis\" x1=\"{Left}\" y1=\"{bottom}\" x2=\"{Width - Right}\" y2=\"{bottom}\"/>");
        html.Append($"<text class=\"tick\" x=\"{Left}\" y=\"{bottom + 18}\">{axisFrom:#,0}</text><text class=\"tick\" x=\"{Width - Right}\" y=\"{bottom + 18}\" text-anchor=\"end\">{axisTo:#,0}</text>");
        html.Append($"<text class=\"caption\" x=\"{Left + plotWidth / 2:0.##}\" y=\"{bottom + 36}\" text-anchor=\"middle\">{axisCaption}</text>");
        html.Append($"</svg>\n");
        ChartLegend.Write(html, series.Select(s => s.Segment));
    }
}
