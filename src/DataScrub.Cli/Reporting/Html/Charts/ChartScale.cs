namespace DataScrub.Cli.Reporting.Html.Charts;

/// <summary>A value axis from 0 to a round number at or above the data's maximum, so the tick labels read well.</summary>
public sealed record ChartScale(double Max)
{
    public static ChartScale For(double dataMax)
    {
        if (!(dataMax > 0) || !double.IsFinite(dataMax)) return new ChartScale(1);
        var power = Math.Pow(10, Math.Floor(Math.Log10(dataMax)));
        foreach (var step in (ReadOnlySpan<double>)[1, 2, 2.5, 5, 10])
            if (step * power >= dataMax) return new ChartScale(step * power);
        return new ChartScale(10 * power);
    }

    /// <summary>0, half and the maximum.</summary>
    public IReadOnlyList<double> Ticks => [0, Max / 2, Max];

    /// <summary>Where <paramref name="value"/> falls, from 0 to <paramref name="length"/>.</summary>
    public double Scale(double value, double length) => Math.Clamp(value / Max, 0, 1) * length;
}
