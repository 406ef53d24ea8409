using System.Text.Json;
using DataScrub.Analysis;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Analysis.Labels;

/// <summary>The class histogram and absent classes, as the JSON report states them.</summary>
public class ClassHistogramReportTests
{
    private static readonly byte[] Unreadable = [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01];

    // 5 of class 0, 3 of class 1, none of 2, 2 of class 3, and one record that is not a Datum (unlabelled).
    private static readonly int[] Labels = [0, 1, 0, 3, 0, 1, 0, 3, 1, 0];

    private static JsonElement Scan(long? numClasses) =>
        PipelineReport.Scan(PipelineReport.Keyed(Labels.Select((l, i) => PipelineReport.Raw(i, l)).Append(Unreadable)),
            new AnalysisOptions { NumClasses = numClasses, BatchSizes = [4] });

    [Fact]
    public void Histogram_CountsEveryLabelledSample_AndTheUnreadableOneAsUnlabelled()
    {
        var labels = Scan(5).GetProperty("labels");

        Assert.Equal([("0", 5L), ("1", 3L), ("3", 2L)], labels.GetProperty("histogram").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())));
        Assert.Equal(1, labels.GetProperty("unlabelled").GetInt64());
        Assert.Equal(10, labels.GetProperty("labelled").GetInt64());
    }

    [Fact]
    public void GivenK_EveryClassBelowItWithoutASample_IsAbsent_AndAnError()
    {
        var dataset = Scan(5);
        var labels = dataset.GetProperty("labels");

        Assert.Equal(5, labels.GetProperty("numClasses").GetInt64());
        Assert.False(labels.GetProperty("inferred").GetBoolean());
        Assert.Equal([2L, 4L], labels.GetProperty("absent").EnumerateArray().Select(c => c.GetInt64()));
        Assert.Equal(2, labels.GetProperty("absentCount").GetInt64());
        var absent = PipelineReport.Findings(dataset, "class-absent");
        Assert.Equal([2L, 4L], absent.Select(f => f.GetProperty("class").GetInt64()));
        Assert.All(absent, f => Assert.Equal("error", f.GetProperty("severity").GetString()));
    }

    [Fact]
    public void InferredK_IsOneAboveTheLargestLabel_SoOnlyGapsAreAbsent()
    {
        var labels = Scan(null).GetProperty("labels");

        Assert.Equal(4, labels.GetProperty("numClasses").GetInt64());
        Assert.True(labels.GetProperty("inferred").GetBoolean());
        Assert.Equal([2L], labels.GetProperty("absent").EnumerateArray().Select(c => c.GetInt64()));
    }
}
