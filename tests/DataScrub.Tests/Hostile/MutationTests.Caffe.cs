using System.Text;
using DataScrub.Formats.Caffe;
using DataScrub.Formats.Caffe.Proto;
using DataScrub.Formats.Caffe.TextFormat;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Hostile;

public sealed partial class MutationTests
{
    /// <summary>Every solver and net prototxt under fixtures/prototxt (BVLC's models, lenet, cifar10, FCN, legacy, broken),
    /// damaged as bytes (so also as invalid UTF-8) and parsed as both messages: the documented error is
    /// <see cref="TextFormatException"/> with a line and column.</summary>
    [Fact]
    public void Prototxt_EveryFixture_ParsesOrRefuses()
    {
        var files = Directory.GetFiles(Fixtures.Path("prototxt"), "*.prototxt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 50, $"only {files.Count} prototxt fixtures found");
        var generators = files.Select((f, i) => new MutationGenerator(File.ReadAllBytes(f), 18_800 + i)).ToList();
        var perFile = Math.Max(8, 1000 / files.Count);
        Run("prototxt").Run(files.Count * perFile, i =>
        {
            var (bytes, description) = generators[i % files.Count].Case(i / files.Count);
            var text = Encoding.UTF8.GetString(bytes);
            var name = Path.GetRelativePath(Fixtures.Root, files[i % files.Count]);
            return new MutationCase($"{name}: {description}", () =>
            {
                var refused = 0;
                try { TextFormatParser.Parse<NetParameter>(text, name); }
                catch (TextFormatException) { refused++; }
                try { TextFormatParser.Parse<SolverParameter>(text, name); }
                catch (TextFormatException) { refused++; }
                return refused > 0;
            });
        }, _ => false);
    }

    /// <summary>Caffe mean files and the other BlobProtos under fixtures/ (infogain matrices), damaged and read by
    /// <see cref="CaffeMeanFile.Read"/>, whose documented error is <see cref="DataScrubException"/> naming the file.</summary>
    [Fact]
    public void MeanFile_EveryBlobProto_ReadsOrRefuses()
    {
        var files = Directory.GetFiles(Fixtures.Root, "*.binaryproto", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 7, $"only {files.Count} binaryproto fixtures found");
        using var temp = new TempDirectory();
        var generators = files.Select((f, i) => new MutationGenerator(File.ReadAllBytes(f), 18_900 + i)).ToList();
        Run("mean files").Run(files.Count * 150, i =>
        {
            var (bytes, description) = generators[i % files.Count].Case(i / files.Count);
            var path = temp.Combine("mean.binaryproto");
            File.WriteAllBytes(path, bytes);
            return new MutationCase($"{Path.GetRelativePath(Fixtures.Root, files[i % files.Count])}: {description}", () =>
            {
                _ = CaffeMeanFile.Read(path);
                return false;
            });
        }, e => e.GetType() == typeof(DataScrubException));
    }
}
