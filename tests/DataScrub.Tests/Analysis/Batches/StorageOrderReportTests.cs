using DataScrub.Analysis;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Analysis.Batches;

/// <summary>Storage-order batches of a sorted dataset, as the JSON report states them (the window arithmetic itself:
/// StorageOrderBatchesTests).</summary>
public class StorageOrderReportTests
{
    [Fact]
    public void SortedClasses_EveryWindowThatCannotHoldAllClasses_IsMissing_AndFlaggedOnlyThere()
    {
        // 3 classes of 8, stored sorted. Batch 8: 3 windows, each one class. Batch 12: [0,12) holds 0 and 1,
        // [12,24) 1 and 2: both miss one. Batch 24: one window with every class.
        var records = PipelineReport.Keyed(Enumerable.Range(0, 24).Select(i => PipelineReport.Raw(i, i / 8)));

        var dataset = PipelineReport.Scan(records, new AnalysisOptions { BatchSizes = [8, 12, 24] });

        var batches = dataset.GetProperty("labels").GetProperty("batches").EnumerateArray()
            .Select(b => (b.GetProperty("batchSize").GetInt32(), b.GetProperty("storageOrder").GetProperty("batches").GetInt64(), b.GetProperty("storageOrder").GetProperty("missing").GetInt64()))
            .ToList();
        Assert.Equal([(8, 3L, 3L), (12, 2L, 2L), (24, 1L, 0L)], batches);
        Assert.Equal([8, 12], PipelineReport.Findings(dataset, "unshuffled-order").Select(f => f.GetProperty("batchSize").GetInt32()));
    }

    [Fact]
    public void Interleaved_NoWindowMisses()
    {
        var records = PipelineReport.Keyed(Enumerable.Range(0, 24).Select(i => PipelineReport.Raw(i, i % 3)));

        var dataset = PipelineReport.Scan(records, new AnalysisOptions { BatchSizes = [3, 8] });

        Assert.All(dataset.GetProperty("labels").GetProperty("batches").EnumerateArray(),
            b => Assert.Equal(0, b.GetProperty("storageOrder").GetProperty("missing").GetInt64()));
        Assert.Empty(PipelineReport.Findings(dataset, "unshuffled-order"));
    }
}
