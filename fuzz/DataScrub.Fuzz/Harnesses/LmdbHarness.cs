namespace DataScrub.Fuzz.Harnesses;

/// <summary>
/// An LMDB environment's <c>data.mdb</c>, scanned as users scan it: the meta pages, the preflight's walk of the B-tree
/// (which must stop liblmdb from ever reading a damaged page: liblmdb trusts its pages and would crash the process),
/// the unit splitter, then liblmdb's own reads and the Datum decoding of every value.
/// </summary>
public sealed class LmdbHarness : IFuzzHarness
{
    private readonly Lazy<ScratchDataset> _dataset = new(() => new ScratchDataset("lmdb", fixture: null, "data.mdb"));

    public string Name => "lmdb";

    public string Description => "LMDB data.mdb: meta pages, the preflight tree validator, unit splitter, liblmdb reads, Datums (scan)";

    public IReadOnlyList<string> Instrumented { get; } = ["DataScrub.Formats:DataScrub.Formats.Lmdb", "DataScrub.Formats:DataScrub.Formats.RecordStores"];

    public IEnumerable<FuzzSeed> Seeds(RepositoryFiles files) =>
        files.Under("fixtures", "data.mdb").Select(p => FuzzSeed.FromFile(files, p));

    public void Run(byte[] input)
    {
        var dataset = _dataset.Value;
        dataset.Write(input);
        InProcessCli.Scan(dataset.Folder, "--format", "lmdb");
    }
}
