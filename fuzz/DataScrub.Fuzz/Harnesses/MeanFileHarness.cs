using DataScrub.Formats.Caffe;

namespace DataScrub.Fuzz.Harnesses;

/// <summary>A Caffe mean file (a BlobProto: num/channels/height/width or a shape, float or double data). Its contract:
/// a mean image, or a <see cref="DataScrubException"/> that the CLI turns into a usage error naming the file.</summary>
public sealed class MeanFileHarness : IFuzzHarness
{
    private readonly Lazy<ScratchDataset> _file = new(() => new ScratchDataset("mean", fixture: null, "mean.binaryproto"));

    public string Name => "mean";

    public string Description => "Caffe mean files (BlobProto binaryproto)";

    public IReadOnlyList<string> Instrumented { get; } = ["DataScrub.Formats:DataScrub.Formats.Caffe", "Google.Protobuf"];

    public IEnumerable<FuzzSeed> Seeds(RepositoryFiles files) =>
        files.Under("fixtures", "*.binaryproto").Select(p => FuzzSeed.FromFile(files, p));

    public void Run(byte[] input)
    {
        var path = _file.Value.Write(input);
        try
        {
            var mean = CaffeMeanFile.Read(path);
            if (mean.Values.Length != (long)mean.Shape.Channels * mean.Shape.Height * mean.Shape.Width)
                throw new FuzzDefectException($"a mean image of {mean.Shape} with {mean.Values.Length} values");
        }
        catch (DataScrubException)
        {
        }
    }
}
