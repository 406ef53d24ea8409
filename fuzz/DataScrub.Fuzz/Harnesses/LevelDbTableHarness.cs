namespace DataScrub.Fuzz.Harnesses;

/// <summary>A LevelDB table file (<c>.ldb</c>: footer, index block, Snappy-compressed data blocks, CRCs) inside an
/// otherwise intact database, scanned as users scan it.</summary>
public sealed class LevelDbTableHarness : IFuzzHarness
{
    private readonly Lazy<ScratchDataset> _dataset = new(() => new ScratchDataset("leveldb-table", "fixtures/leveldb/caffe_mixed", "000005.ldb"));

    public string Name => "leveldb-table";

    public string Description => "LevelDB table files: footer, index and data blocks, Snappy, CRC32C (scan)";

    public IReadOnlyList<string> Instrumented { get; } = ["DataScrub.Formats:DataScrub.Formats.LevelDb", "Snappier"];

    public IEnumerable<FuzzSeed> Seeds(RepositoryFiles files) =>
        files.Under("fixtures/leveldb", "*.ldb").Select(p => FuzzSeed.FromFile(files, p));

    public void Run(byte[] input)
    {
        var dataset = _dataset.Value;
        dataset.Write(input);
        InProcessCli.Scan(dataset.Folder, "--format", "leveldb");
    }
}
