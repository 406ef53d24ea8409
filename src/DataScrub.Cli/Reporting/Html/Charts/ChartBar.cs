namespace DataScrub.Cli.Reporting.Html.Charts;

/// <summary>One bar of a bar or column chart.</summary>
/// <param name="Label">Beside a horizontal bar; at the ends of a column chart's axis.</param>
/// <param name="Values">The stacked values, one per segment of the chart, in its order.</param>
/// <param name="Tooltip">The hover text (an SVG <c>title</c>): the exact numbers a picture can only suggest.</param>
public sealed record ChartBar(string Label, IReadOnlyList<double> Values, string Tooltip)
{
    /// <summary>Written after a horizontal bar (null: the total).</summary>
    public string? ValueText { get; init; }

    /// <summary>Drawn with a red mark under the axis: an absent class, whose bar has no height to hover.</summary>
    public bool Marked { get; init; }

    /// <summary>A column's width relative to the others (a storage range's sample count); 1 for equal columns.</summary>
    public double Weight { get; init; } = 1;

    public double Total => Values.Sum();
}
