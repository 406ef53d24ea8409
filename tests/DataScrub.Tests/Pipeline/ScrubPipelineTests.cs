using DataScrub.Findings;
using DataScrub.Pipeline;
using DataScrub.Reporting;
using DataScrub.Tests.Shared;
using DataScrub.Images;

namespace DataScrub.Tests.Pipeline;

public class ScrubPipelineTests
{
    private static readonly List<(string Key, byte[] Value)> Records = InMemoryReader.Synthetic(3000, seed: 42);

    [Fact]
    public void Run_AnyThreadCountAndBatchSize_GivesTheSameReport()
    {
        var first = Run(new ScrubOptions { Checks = StandardChecks.Default, Threads = 1, BatchMaxSamples = 256 });
        var reference = Json(WithoutStatistics(first));

        foreach (var options in new[]
                 {
                     new ScrubOptions { Checks = StandardChecks.Default, Threads = 2, BatchMaxSamples = 1 },
                     new ScrubOptions { Checks = StandardChecks.Default, Threads = 3, BatchMaxSamples = 7, InFlightBatchesPerWorker = 1 },
                     new ScrubOptions { Checks = StandardChecks.Default, Threads = 8, BatchMaxSamples = 64, BatchMaxBytes = 5000 },
                 })
        {
            var report = Run(options);
            Assert.Equal(reference, Json(WithoutStatistics(report)));
            // Channel moments are merged per batch: another (internal) batch size may move the last bits
            // of a float mean, never the count, min or max. Any thread count gives identical bits (below).
            Assert.Equal(first.Statistics.Count, report.Statistics.Count);
            for (var c = 0; c < first.Statistics.Count; c++)
            {
                var (a, b) = (first.Statistics[c], report.Statistics[c]);
                Assert.Equal((a.Count, a.Min, a.Max), (b.Count, b.Min, b.Max));
                Assert.Equal(a.Mean, b.Mean, 1e-12 * Math.Max(1, Math.Abs(a.Mean)));
                Assert.Equal(a.StandardDeviation, b.StandardDeviation, 1e-12 * Math.Max(1, a.StandardDeviation));
            }
        }
    }

    [Fact]
    public void Run_AnyThreadCount_GivesTheSameBits()
    {
        var reference = Json(Run(new ScrubOptions { Checks = StandardChecks.Default, Threads = 1, BatchMaxSamples = 7 }));

        foreach (var threads in new[] { 2, 3, 8 })
            Assert.Equal(reference, Json(Run(new ScrubOptions { Checks = StandardChecks.Default, Threads = threads, BatchMaxSamples = 7 })));
    }

    [Fact]
    public void Run_FindingsAreInStorageOrder_AndMatchAScalarRecount()
    {
        var report = Run(new ScrubOptions { Checks = StandardChecks.Default, Threads = 4, BatchMaxSamples = 3 });

        var indexes = report.Findings.Where(f => f.SampleIndex is not null).Select(f => f.SampleIndex!.Value).ToList();
        Assert.Equal(indexes.Order(), indexes);
        Assert.Equal(3000, report.Samples);
        Assert.Equal(3000, report.ExpectedSamples);
        Assert.Equal(Records.Sum(r => (long)r.Value.Length), report.Bytes);
        var expectedNan = Records.Count(r => IsFloatWith(r.Value, float.IsNaN));
        Assert.True(expectedNan > 50, "the synthetic data should plant NaN");
        Assert.Equal(expectedNan, report.CountOf(FindingKinds.Nan));
        Assert.Equal(Records.Count(r => IsFloatWith(r.Value, float.IsInfinity)), report.CountOf(FindingKinds.Inf));
        // InMemoryReader.Synthetic plants two more kinds: its 7 garbage bytes (a length running past the end)
        // and raw data one byte short of the declared 3x4x4; float records always match their shape.
        byte[] garbage = [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01];
        var expectedUnreadable = Records.Count(r => r.Value.AsSpan().SequenceEqual(garbage));
        var expectedShortRaw = Records.Count(r => !r.Value.AsSpan().SequenceEqual(garbage) && DataScrub.Formats.Caffe.CaffeDatumCodec.Parse(r.Value).Data.Length == 47);
        Assert.True(expectedUnreadable > 10 && expectedShortRaw > 10, $"{expectedUnreadable} garbage, {expectedShortRaw} short records planted");
        Assert.Equal(expectedUnreadable, report.CountOf(FindingKinds.UnreadableRecord));
        Assert.Equal(expectedShortRaw, report.CountOf(FindingKinds.ShapeMismatch));
    }

    [Fact]
    public void Run_MaxFindingsPerKind_ListsTheFirstButCountsAll()
    {
        var all = Run(new ScrubOptions { Checks = StandardChecks.Default, Threads = 2 });
        var limited = Run(new ScrubOptions { Checks = StandardChecks.Default, Threads = 2, MaxFindingsPerKind = 5 });

        Assert.Equal(all.Counts, limited.Counts);
        foreach (var (kind, count) in all.Counts)
        {
            var listed = limited.Findings.Where(f => f.Kind == kind).ToList();
            Assert.Equal(Math.Min(5, count), listed.Count);
            Assert.Equal(all.Findings.Where(f => f.Kind == kind).Take(5), listed);
        }
    }

    [Fact]
    public void Run_LabelHistogram_CountsEveryReadableLabelledSample()
    {
        var report = Run(new ScrubOptions { Checks = StandardChecks.Default, Threads = 3 });

        Assert.Equal(3000, report.LabelCounts.Sum(l => l.Value) + report.Unlabelled);
        Assert.Equal(report.CountOf(FindingKinds.UnreadableRecord), report.Unlabelled);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), report.LabelCounts.Select(l => l.Key));
    }

    [Fact]
    public void Run_ReaderFailsMidway_RethrowsItsException()
    {
        using var reader = new InMemoryReader(Records, new DatasetUnreadableException("memory", "store damaged at record 1234"), failAt: 1234);

        var e = Assert.Throws<DatasetUnreadableException>(() => ScrubPipeline.Run(reader, new ScrubOptions { Checks = StandardChecks.Default, Threads = 2, BatchMaxSamples = 10 }));

        Assert.Contains("record 1234", e.Message);
    }

    [Fact]
    public void Run_Cancelled_ThrowsOperationCanceled()
    {
        using var reader = new InMemoryReader(Records);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ScrubPipeline.Run(reader, new ScrubOptions { Checks = StandardChecks.Default, Threads = 2 }, cancellationToken: cancel.Token));
    }

    private static DatasetReport Run(ScrubOptions options)
    {
        using var reader = new InMemoryReader(Records);
        return ScrubPipeline.Run(reader, options);
    }

    private static string Json(DatasetReport report) =>
        JsonReportWriter.ToJson(new ScanReport("test", 0, [report with { Seconds = 0 }]));

    private static bool IsFloatWith(byte[] value, Func<float, bool> predicate)
    {
        try
        {
            return DataScrub.Formats.Caffe.CaffeDatumCodec.Parse(value).FloatData.Any(predicate);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return false;
        }
    }

    private static DataScrub.Reporting.DatasetReport WithoutStatistics(DataScrub.Reporting.DatasetReport report) =>
        report with { Sections = [.. report.Sections.Where(s => s is not DataScrub.Analysis.Statistics.ChannelStatisticsSection)] };
}
