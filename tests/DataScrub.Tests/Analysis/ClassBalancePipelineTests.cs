using DataScrub.Analysis;
using DataScrub.Findings;
using DataScrub.Formats.Caffe;
using DataScrub.Pipeline;
using DataScrub.Tests.Shared;
using DataScrub.Images;

namespace DataScrub.Tests.Analysis;

/// <summary>The class analyses through the whole pipeline, on datasets whose answers are known by hand.</summary>
public class ClassBalancePipelineTests
{
    private static List<(string Key, byte[] Value)> Records(IEnumerable<int> labels) =>
        labels.Select((label, i) =>
        {
            var data = new byte[12];
            new Random(i).NextBytes(data);
            return ($"{i:D8}", CaffeDatumCodec.Serialize(CaffeDatumCodec.Raw(3, 2, 2, data, label)));
        }).ToList();

    [Fact]
    public void SortedByClass_EveryStorageOrderBatchMissesAClass_AndIsFlagged()
    {
        // 3 balanced classes of 100, sorted: a window of 32 never spans all three classes (each run is 100
        // long), so all ceil(300/32) = 10 batches miss one, including the last, which wraps around into
        // class 0 (records 288..299 of class 2, then 0..19 of class 0: class 1 missing). Shuffled, a batch
        // of 32 misses a class with p ~ 3 (2/3)^32 ~ 7e-6: about 0 of 10.
        var reader = new InMemoryReader(Records(Enumerable.Range(0, 300).Select(i => i / 100)));

        var report = ScrubPipeline.Run(reader, new ScrubOptions { Checks = StandardChecks.Default, Threads = 2, Analysis = new AnalysisOptions { BatchSizes = [32] } });

        var batch = Assert.Single(report.ClassBalance!.Batches);
        Assert.Equal((10L, 10L), (batch.StorageOrderBatches, batch.StorageOrderMissing));
        var unshuffled = Assert.Single(report.Findings, f => f.Kind == FindingKinds.UnshuffledOrder);
        Assert.Equal(10, unshuffled.Count);
        Assert.Equal(32, unshuffled.BatchSize);
        Assert.DoesNotContain(report.Findings, f => f.Kind == FindingKinds.BatchClassMiss);
    }

    [Fact]
    public void Interleaved_NoStorageOrderBatchMisses()
    {
        var reader = new InMemoryReader(Records(Enumerable.Range(0, 300).Select(i => i % 3)));

        var report = ScrubPipeline.Run(reader, new ScrubOptions { Checks = StandardChecks.Default, Threads = 2, Analysis = new AnalysisOptions { BatchSizes = [3, 32] } });

        Assert.All(report.ClassBalance!.Batches, b => Assert.Equal(0, b.StorageOrderMissing));
        Assert.DoesNotContain(report.Findings, f => f.Kind == FindingKinds.UnshuffledOrder);
    }

    [Fact]
    public void BalancedTenClasses_BatchOf32_MissesAClassInAbout30PercentOfBatches()
    {
        // The brief's number: 10 x 500 interleaved; a shuffled batch of 32 misses a class with p ~ 0.30.
        var reader = new InMemoryReader(Records(Enumerable.Range(0, 5000).Select(i => i % 10)));

        var report = ScrubPipeline.Run(reader, new ScrubOptions { Checks = StandardChecks.Default, Threads = 2, Analysis = new AnalysisOptions { BatchSizes = [32] } });

        var batch = Assert.Single(report.ClassBalance!.Batches);
        Assert.InRange(batch.AnyClassMissProbability, 0.28, 0.32);
        Assert.True(batch.Exact);
        Assert.Equal(batch.AnyClassMissProbability * 157, batch.ExpectedMissingBatchesPerEpoch, 9);
        var miss = Assert.Single(report.Findings, f => f.Kind == FindingKinds.BatchClassMiss);
        Assert.Equal(batch.AnyClassMissProbability, miss.Probability);
        Assert.NotNull(batch.RecommendedBatchSize);
        Assert.InRange(batch.RecommendedBatchSize!.Value, 33, 5000);
    }

    [Fact]
    public void ReportIsIdenticalForAnyThreadCount()
    {
        var records = Records(Enumerable.Range(0, 2000).Select(i => (i * 7919) % 13 == 0 ? 12 : i % 5));
        string Json(int threads, int batch) => DataScrub.Reporting.JsonReportWriter.ToJson(new DataScrub.Reporting.ScanReport("t", 0,
            [ScrubPipeline.Run(new InMemoryReader(records), new ScrubOptions { Checks = StandardChecks.Default, Threads = threads, BatchMaxSamples = batch, Analysis = new AnalysisOptions { BatchSizes = [8, 64] } }) with { Seconds = 0 }]));

        var one = Json(1, 7);
        Assert.Equal(one, Json(2, 7));
        Assert.Equal(one, Json(4, 7));
    }
}
