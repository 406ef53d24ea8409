namespace DataScrub.Fuzz.Harnesses;

/// <summary>An image listfile (Caffe's ImageData source: "path label" per line) over the fixture image tree, scanned
/// as users scan it: paths, labels, entries outside the root, missing files, then the images it names.</summary>
public sealed class ListFileHarness : IFuzzHarness
{
    private readonly Lazy<ScratchDataset> _dataset = new(() => new ScratchDataset("listfile", "fixtures/images/tree", "list.txt"));

    public string Name => "listfile";

    public string Description => "image listfiles (path label lines) over the fixture image tree (scan)";

    public IReadOnlyList<string> Instrumented { get; } = ["DataScrub.Formats:DataScrub.Formats.ImageFolder"];

    public IEnumerable<FuzzSeed> Seeds(RepositoryFiles files) =>
        files.Under("fixtures/images", "*.txt").Concat(files.Under("fixtures/masks", "*.txt"))
            .Where(p => !p.Contains("/public/", StringComparison.Ordinal))
            .Select(p => FuzzSeed.FromFile(files, p));

    public void Run(byte[] input)
    {
        var dataset = _dataset.Value;
        InProcessCli.Scan(dataset.Write(input), "--format", "images", "--root", dataset.Folder);
    }
}
