namespace DataScrub.Cli.Reporting.Html.Charts;

/// <summary>Shortens a label that does not fit beside its bar; the full text stays in the bar's tooltip.</summary>
public static class ChartLabel
{
    /// <summary>The end of a long label (a path's file name says more than its first folders).</summary>
    public static string Fit(string label, int maxChars) =>
        label.Length <= maxChars ? label : "…" + label[^(maxChars - 1)..];
}
