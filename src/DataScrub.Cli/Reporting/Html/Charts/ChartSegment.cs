namespace DataScrub.Cli.Reporting.Html.Charts;

/// <summary>One part of a stacked bar (errors, warnings) or one line of a chart: its legend name and the CSS class
/// that colours it (the palette is in <see cref="HtmlPageStyle"/>, one place for the charts and their legends).</summary>
public sealed record ChartSegment(string Name, string CssClass)
{
    public static ChartSegment Samples { get; } = new("samples", "s-count");
}
