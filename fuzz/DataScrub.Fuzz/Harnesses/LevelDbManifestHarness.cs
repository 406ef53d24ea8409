namespace DataScrub.Fuzz.Harnesses;

/// <summary>A LevelDB <c>MANIFEST</c> (a log of version edits: comparator, log number, added and deleted tables with
/// their key ranges) naming the fixture's tables, scanned as users scan it.</summary>
public sealed class LevelDbManifestHarness : IFuzzHarness
{
    private readonly Lazy<ScratchDataset> _dataset = new(() => new ScratchDataset("leveldb-manifest", "fixtures/leveldb/caffe_mixed", "MANIFEST-000002"));

    public string Name => "leveldb-manifest";

    public string Description => "LevelDB MANIFEST: log records of version edits (scan)";

    public IReadOnlyList<string> Instrumented { get; } = ["DataScrub.Formats:DataScrub.Formats.LevelDb"];

    public IEnumerable<FuzzSeed> Seeds(RepositoryFiles files) =>
        files.Under("fixtures/leveldb", "MANIFEST-*").Select(p => FuzzSeed.FromFile(files, p));

    public void Run(byte[] input)
    {
        var dataset = _dataset.Value;
        dataset.Write(input);
        InProcessCli.Scan(dataset.Folder, "--format", "leveldb");
    }
}
