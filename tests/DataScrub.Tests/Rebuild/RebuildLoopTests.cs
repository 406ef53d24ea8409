using DataScrub.Formats;
using DataScrub.Formats.Lmdb;
using DataScrub.Rebuild;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Rebuild;

public sealed class RebuildLoopTests
{
    /// <summary>Remembers what it was given.</summary>
    private sealed class MemoryWriter : IDatasetWriter
    {
        public List<(long Index, long Position, string Id, int Bytes)> Written { get; } = [];

        public bool Completed { get; private set; }

        public void Write(in WritableSample sample) => Written.Add((sample.Source.Index, sample.Position, sample.Id, sample.Record.Length));

        public RebuildOutput Complete()
        {
            Completed = true;
            return new RebuildOutput(Written.Count, "", []);
        }

        public void Dispose()
        {
        }
    }

    private sealed class CopyingWriter : IDatasetWriter, ISourceCopyWriter
    {
        public void Write(in WritableSample sample) => throw new InvalidOperationException("no sample expected");

        public RebuildOutput Complete() => throw new InvalidOperationException("not completed");

        public RebuildOutput CopySource(CancellationToken cancellationToken) => new(7, "copied", []);

        public void Dispose()
        {
        }
    }

    private static RebuildPlan Plan(DropSet drops, long survivors) =>
        new(new LmdbFormat(), Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), ReaderOptions.Default, "unused", [], survivors, 0, null) { Drops = drops };

    [Fact]
    public void Run_HandsOverEverySurvivorInStorageOrder_WithItsPosition()
    {
        var writer = new MemoryWriter();

        var output = RebuildLoop.Run(Plan(new DropSet([0, 5, 39], []), 37), writer, CancellationToken.None);

        Assert.True(writer.Completed);
        Assert.Equal(37, output.Written);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i).Where(i => i is not (0 or 5 or 39)), writer.Written.Select(w => w.Index));
        Assert.Equal(Enumerable.Range(0, 37).Select(i => (long)i), writer.Written.Select(w => w.Position));
        Assert.All(writer.Written, w => Assert.True(w.Bytes > 0));
    }

    [Fact]
    public void Run_WithADroppedFileSpan_SkipsItsPositions()
    {
        var writer = new MemoryWriter();

        RebuildLoop.Run(Plan(new DropSet([], [(10, 20)]), 20), writer, CancellationToken.None);

        Assert.Equal(20, writer.Written.Count);
        Assert.DoesNotContain(writer.Written, w => w.Index is >= 10 and < 30);
    }

    [Fact]
    public void Run_AWriterThatCopiesTheSource_ReadsNoSample()
    {
        var output = RebuildLoop.Run(Plan(DropSet.Empty, 40), new CopyingWriter(), CancellationToken.None);
        Assert.Equal("copied", output.ScanPath);
    }
}
