namespace DataScrub.Fuzz.Harnesses;

/// <summary>A LevelDB write-ahead log (<c>.log</c>: 32 KB blocks of CRC'd fragments holding write batches) beside
/// intact tables, scanned as users scan it: the records not yet compacted into a table are read from it.</summary>
public sealed class LevelDbLogHarness : IFuzzHarness
{
    private readonly Lazy<ScratchDataset> _dataset = new(() => new ScratchDataset("leveldb-log", "fixtures/leveldb/caffe_mixed", "000015.log"));

    public string Name => "leveldb-log";

    public string Description => "LevelDB log files: fragments, CRC32C, write batches (scan)";

    public IReadOnlyList<string> Instrumented { get; } = ["DataScrub.Formats:DataScrub.Formats.LevelDb", "Snappier"];

    public IEnumerable<FuzzSeed> Seeds(RepositoryFiles files) =>
        files.Under("fixtures/leveldb", "*.log").Select(p => FuzzSeed.FromFile(files, p));

    public void Run(byte[] input)
    {
        var dataset = _dataset.Value;
        dataset.Write(input);
        InProcessCli.Scan(dataset.Folder, "--format", "leveldb");
    }
}
