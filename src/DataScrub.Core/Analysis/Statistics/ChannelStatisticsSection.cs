using System.Text.Json;
using DataScrub.Reporting;

namespace DataScrub.Analysis.Statistics;

/// <summary>Mean, population standard deviation, min and max of one channel's finite values over the
/// dataset (what <c>compute_image_mean</c> averages, per channel).</summary>
public sealed record ChannelStatisticsReport(int Channel, long Count, double Mean, double StandardDeviation, double Min, double Max);

/// <summary>The <c>statistics</c> section: per-channel statistics of the input data (empty for encoded images
/// that could not be decoded, and for datasets without samples).</summary>
public sealed record ChannelStatisticsSection(IReadOnlyList<ChannelStatisticsReport> Channels) : IReportSection
{
    public string Name => "statistics";

    public int Order => 400;

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject(Name);
        json.WriteStartArray("channels");
        foreach (var c in Channels)
        {
            json.WriteStartObject();
            json.WriteNumber("channel", c.Channel);
            json.WriteNumber("count", c.Count);
            WriteFinite(json, "mean", c.Mean);
            WriteFinite(json, "std", c.StandardDeviation);
            WriteFinite(json, "min", c.Min);
            WriteFinite(json, "max", c.Max);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public void WriteConsole(TextWriter output)
    {
    }

    /// <summary>JSON has no NaN: a channel without finite values has null statistics.</summary>
    private static void WriteFinite(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }
}
