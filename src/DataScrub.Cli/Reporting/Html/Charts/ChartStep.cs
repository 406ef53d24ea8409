namespace DataScrub.Cli.Reporting.Html.Charts;

/// <summary>A value held over [<see cref="From"/>, <see cref="To"/>) of a step chart's axis (a run of batches).</summary>
public sealed record ChartStep(double From, double To, double Value);
