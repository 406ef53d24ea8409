namespace DataScrub.Fuzz.Harnesses;

/// <summary>A Caffe solver or net prototxt linted as users lint it: the protobuf text-format parser, the V1 upgrade,
/// phase filtering, the learning-rate replay and every net check. Data may make lint exit 0, 1 or 3 (unparsable).</summary>
public sealed class PrototxtHarness : IFuzzHarness
{
    private readonly Lazy<ScratchDataset> _file = new(() => new ScratchDataset("prototxt", fixture: null, "input.prototxt"));

    public string Name => "prototxt";

    public string Description => "Caffe prototxt: the text-format parser and lint (lint)";

    public IReadOnlyList<string> Instrumented { get; } = ["DataScrub.Formats:DataScrub.Formats.Caffe"];

    public IEnumerable<FuzzSeed> Seeds(RepositoryFiles files) =>
        files.Under("fixtures/prototxt", "*.prototxt")
            .Where(p => new FileInfo(Path.Combine(files.Root, p)).Length <= 16 * 1024)
            .Select(p => FuzzSeed.FromFile(files, p));

    public void Run(byte[] input)
    {
        var file = _file.Value;
        InProcessCli.Run(InProcessCli.DataExitCodes, "lint", file.Write(input), "--json", "/dev/null", "--quiet", "--workdir", file.Folder);
    }
}
