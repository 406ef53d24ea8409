namespace DataScrub.Cli.Reporting.Html.Charts;

/// <summary>A stretch [<see cref="From"/>, <see cref="To"/>) of a step chart's axis with its hover text.</summary>
public sealed record ChartBand(double From, double To, string Tooltip);
