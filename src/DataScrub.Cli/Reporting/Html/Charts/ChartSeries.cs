namespace DataScrub.Cli.Reporting.Html.Charts;

/// <summary>One line of a step chart: its legend entry and its steps, in axis order.</summary>
public sealed record ChartSeries(ChartSegment Segment, IReadOnlyList<ChartStep> Steps);
