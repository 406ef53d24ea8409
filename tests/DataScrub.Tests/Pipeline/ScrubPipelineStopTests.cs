using System.Text;
using DataScrub.Formats;
using DataScrub.Formats.Caffe;
using DataScrub.Images;
using DataScrub.Pipeline;
using DataScrub.Samples;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Pipeline;

/// <summary>Where <see cref="ScrubPipeline.RunStoppable"/> stops: a requested stop at the end of the unit it is in (a
/// resumed scan starts at a unit), a store failing mid-scan where it failed, with what was read scanned.</summary>
public sealed class ScrubPipelineStopTests
{
    private static readonly List<(string Key, byte[] Value)> Records = InMemoryReader.Synthetic(1000, seed: 7);

    /// <summary>Records in units of 100; <paramref name="atSample"/> runs when the reader hands out that sample.</summary>
    private sealed class UnitReader(int atSample, Action at) : IDatasetReader
    {
        public DatasetInfo Info { get; } = new("memory", "memory", Records.Count) { Units = 10 };

        public IReadOnlyList<DataScrub.Findings.Finding> StoreFindings { get; } = [];

        public IEnumerable<Sample> ReadSamples(CancellationToken cancellationToken)
        {
            for (var i = 0; i < Records.Count; i++)
            {
                if (i == atSample) at();
                yield return new Sample(i, new RecordBytes(Encoding.UTF8.GetBytes(Records[i].Key)), new RecordBytes(Records[i].Value), CaffeDatumDecoder.Instance) { Unit = i / 100 };
            }
        }

        public void Dispose() { }
    }

    private static ScrubOptions Options => new()
    {
        Checks = StandardChecks.Default,
        Threads = 2,
        BatchMaxSamples = 32,
        Analysis = DataScrub.Analysis.AnalysisOptions.Default with { Shard = true },
    };

    [Fact]
    public void RunStoppable_StopRequestedMidUnit_StopsAtThatUnitsEnd()
    {
        using var stop = new CancellationTokenSource();
        using var reader = new UnitReader(250, stop.Cancel);
        var (report, stopped) = ScrubPipeline.RunStoppable(reader, Options, null, stop.Token, CancellationToken.None);
        using var shard = report.Shard;
        Assert.NotNull(stopped);
        Assert.Equal(ScanStopReason.Requested, stopped.Reason);
        Assert.Equal(3, stopped.NextUnit);
        Assert.Equal(10, stopped.Units);
        Assert.Equal(300, stopped.Samples);
        Assert.Equal(300, report.Samples);
        Assert.Equal(Records[299].Key, stopped.LastSample);
    }

    [Fact]
    public void RunStoppable_NotStopped_ReadsToTheEnd()
    {
        using var stop = new CancellationTokenSource();
        using var reader = new UnitReader(-1, () => { });
        var (report, stopped) = ScrubPipeline.RunStoppable(reader, Options, null, stop.Token, CancellationToken.None);
        using var shard = report.Shard;
        Assert.Null(stopped);
        Assert.Equal(1000, report.Samples);
    }

    [Fact]
    public void RunStoppable_StoreFailsMidUnit_ScansWhatWasRead()
    {
        using var stop = new CancellationTokenSource();
        using var reader = new UnitReader(250, () => throw new IOException("EIO at record 250"));
        var (report, stopped) = ScrubPipeline.RunStoppable(reader, Options, null, stop.Token, CancellationToken.None);
        using var shard = report.Shard;
        Assert.NotNull(stopped);
        Assert.Equal(ScanStopReason.StoreError, stopped.Reason);
        Assert.IsType<IOException>(stopped.Error);
        Assert.Equal(2, stopped.NextUnit);
        Assert.Equal(250, report.Samples);
        Assert.Equal(Records[249].Key, stopped.LastSample);
    }

    [Fact]
    public void RunStoppable_StoreFailsBeforeItsFirstSample_IsUnreadable()
    {
        using var stop = new CancellationTokenSource();
        using var reader = new UnitReader(0, () => throw new DatasetUnreadableException("memory", "damaged at its first record"));
        Assert.Throws<DatasetUnreadableException>(() => ScrubPipeline.RunStoppable(reader, Options, null, stop.Token, CancellationToken.None));
    }

    [Fact]
    public void ShardSpec_FirstUnit_StartsTheUnitsThere()
    {
        Assert.Equal((7L, 10L), new DataScrub.Sharding.ShardSpec(0, 1) { FirstUnit = 7 }.UnitsOf(10));
        Assert.Equal((10L, 10L), new DataScrub.Sharding.ShardSpec(0, 1) { FirstUnit = 12 }.UnitsOf(10));
        Assert.Equal((5L, 10L), new DataScrub.Sharding.ShardSpec(1, 2) { FirstUnit = 3 }.UnitsOf(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataScrub.Sharding.ShardSpec(0, 1) { FirstUnit = -1 });
    }
}
