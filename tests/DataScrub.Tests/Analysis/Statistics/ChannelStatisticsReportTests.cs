using DataScrub.Analysis;
using DataScrub.Formats.Caffe;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Analysis.Statistics;

/// <summary>Per-channel statistics over the whole dataset and constant features, as the JSON report states them.</summary>
public class ChannelStatisticsReportTests
{
    [Fact]
    public void FloatDatums_ChannelMomentsOverEveryFiniteValue_AndAConstantChannelIsAnError()
    {
        // 2x1x2 float Datums: channel 0 takes i and i + 0.5 (i = 0..5), channel 1 is always 3 (a constant feature).
        // A NaN in sample 2's channel 0 replaces its 2.5: it is reported and left out of the moments.
        var records = PipelineReport.Keyed(Enumerable.Range(0, 6).Select(i =>
            CaffeDatumCodec.Serialize(CaffeDatumCodec.Float(2, 1, 2, [i, i == 2 ? float.NaN : i + 0.5f, 3f, 3f], i % 2))));
        double[] channel0 = [.. Enumerable.Range(0, 6).SelectMany(i => i == 2 ? new double[] { i } : [i, i + 0.5])];
        var mean = channel0.Average();
        var std = Math.Sqrt(channel0.Sum(v => (v - mean) * (v - mean)) / channel0.Length);

        var dataset = PipelineReport.Scan(records, new AnalysisOptions { BatchSizes = [2] });

        var channels = dataset.GetProperty("statistics").GetProperty("channels").EnumerateArray().ToList();
        Assert.Equal(2, channels.Count);
        Assert.Equal((0, 11L, 0.0, 5.5), (channels[0].GetProperty("channel").GetInt32(), channels[0].GetProperty("count").GetInt64(),
            channels[0].GetProperty("min").GetDouble(), channels[0].GetProperty("max").GetDouble()));
        Assert.Equal(mean, channels[0].GetProperty("mean").GetDouble(), 1e-12);
        Assert.Equal(std, channels[0].GetProperty("std").GetDouble(), 1e-12);
        Assert.Equal((12L, 3.0, 0.0), (channels[1].GetProperty("count").GetInt64(), channels[1].GetProperty("mean").GetDouble(), channels[1].GetProperty("std").GetDouble()));
        var constant = Assert.Single(PipelineReport.Findings(dataset, "constant-feature"));
        Assert.Equal((1, 12L), (constant.GetProperty("channel").GetInt32(), constant.GetProperty("count").GetInt64()));
        Assert.Equal("error", constant.GetProperty("severity").GetString());
        Assert.Single(PipelineReport.Findings(dataset, "nan"));
    }

    [Fact]
    public void RawDatums_ChannelsAreAxisOneOfCxHxW()
    {
        // 3x1x2 uint8: channel c of sample i holds (10c + i, 10c + i + 1).
        var records = PipelineReport.Keyed(Enumerable.Range(0, 4).Select(i =>
            CaffeDatumCodec.Serialize(CaffeDatumCodec.Raw(3, 1, 2, [(byte)i, (byte)(i + 1), (byte)(10 + i), (byte)(11 + i), (byte)(20 + i), (byte)(21 + i)], 0))));

        var channels = PipelineReport.Scan(records).GetProperty("statistics").GetProperty("channels").EnumerateArray().ToList();

        // Per channel: 0..3 and 1..4 around 10c: mean 10c + 2, values 10c + {0,1,1,2,2,3,3,4}: variance 1.5.
        Assert.Equal(3, channels.Count);
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal((8L, 10.0 * c + 2, 10.0 * c, 10.0 * c + 4), (channels[c].GetProperty("count").GetInt64(), channels[c].GetProperty("mean").GetDouble(),
                channels[c].GetProperty("min").GetDouble(), channels[c].GetProperty("max").GetDouble()));
            Assert.Equal(Math.Sqrt(1.5), channels[c].GetProperty("std").GetDouble(), 1e-12);
        }
    }
}
