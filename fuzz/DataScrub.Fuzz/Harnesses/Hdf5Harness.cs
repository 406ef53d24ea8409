namespace DataScrub.Fuzz.Harnesses;

/// <summary>An HDF5 file scanned as users scan it: superblock, object headers, datatypes and dataspaces read through
/// PureHDF and our own metadata reader, chunk indexes, filters (deflate, shuffle, LZF), then every row.</summary>
public sealed class Hdf5Harness : IFuzzHarness
{
    private readonly Lazy<ScratchDataset> _dataset = new(() => new ScratchDataset("hdf5", fixture: null, "input.h5"));

    public string Name => "hdf5";

    public string Description => "HDF5 files: open through PureHDF, layouts, chunk indexes, filters, row reads (scan)";

    public IReadOnlyList<string> Instrumented { get; } = ["DataScrub.Formats:DataScrub.Formats.Hdf5", "PureHDF"];

    public IEnumerable<FuzzSeed> Seeds(RepositoryFiles files) =>
        files.Under("fixtures/hdf5", "*.h5", "*.hdf5", "*.hdf5bad", "*.nc", "*.mat").Concat(files.Under("fixtures/labels", "*.h5"))
            .Where(p => new FileInfo(Path.Combine(files.Root, p)).Length <= 64 * 1024)
            .Select(p => FuzzSeed.FromFile(files, p));

    public void Run(byte[] input) => InProcessCli.Scan(_dataset.Value.Write(input), "--format", "hdf5");
}
