namespace DataScrub.Fuzz.Harnesses;

/// <summary>An HDF5 source list (Caffe's HDF5Data source: one file per line) beside the fixture HDF5 files, scanned as
/// users scan it: entries, repeats, missing files, then the files it names.</summary>
public sealed class Hdf5ListHarness : IFuzzHarness
{
    private readonly Lazy<ScratchDataset> _dataset = new(() => new ScratchDataset("hdf5-list", "fixtures/hdf5", "list.txt"));

    public string Name => "hdf5-list";

    public string Description => "HDF5 source lists (one .h5 path per line) beside the fixture HDF5 files (scan)";

    // The list parser only: the files it names are read by the HDF5 reader, which the hdf5 harness fuzzes.
    public IReadOnlyList<string> Instrumented { get; } = ["DataScrub.Formats:DataScrub.Formats.Hdf5.Hdf5Inputs"];

    public IEnumerable<FuzzSeed> Seeds(RepositoryFiles files) =>
        files.Under("fixtures/hdf5", "*.txt").Select(p => FuzzSeed.FromFile(files, p));

    public void Run(byte[] input) => InProcessCli.Scan(_dataset.Value.Write(input), "--format", "hdf5");
}
