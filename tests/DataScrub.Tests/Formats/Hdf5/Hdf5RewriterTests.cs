using System.Security.Cryptography;
using System.Text.Json;
using DataScrub.Findings;
using DataScrub.Formats;
using DataScrub.Formats.Hdf5;
using DataScrub.Pipeline;
using DataScrub.Tests.Shared;
using PureHDF;
using DataScrub.Images;

namespace DataScrub.Tests.Formats.Hdf5;

/// <summary>The cleaned copy is the source minus the dropped rows, in the source's layout. When
/// DATASCRUB_INTEROP_DIR is set, the copies and their expected descriptions are left there for h5py
/// (fixtures/hdf5_interop.py, run by .ci/run).</summary>
public class Hdf5RewriterTests
{
    [Theory]
    [InlineData(Fixtures.Hdf5.Bad.ContiguousF32, new long[] { 3, 7, 12, 19 })]
    [InlineData(Fixtures.Hdf5.Bad.ChunkedGzipF32, new long[] { 0, 17, 33, 49 })]
    [InlineData(Fixtures.Hdf5.Bad.GzipShuffleF32, new long[] { 29 })]
    [InlineData(Fixtures.Hdf5.Bad.F16, new long[] { 1, 4 })]
    [InlineData(Fixtures.Hdf5.Bad.BigEndianF32, new long[] { 5 })]
    [InlineData(Fixtures.Hdf5.Bad.F64, new long[] { 2, 6, 14 })]
    [InlineData(Fixtures.Hdf5.Good.Segmentation, new long[] { })]
    public void Copy_DroppingThePlantedRows_GivesACleanFileOfTheSameShape(string fixture, long[] drop)
    {
        using var temp = new TempDirectory();
        var source = Fixtures.Path(fixture);
        var name = Path.GetFileName(fixture);
        var outputRoot = Environment.GetEnvironmentVariable(DataScrub.Tests.Formats.LevelDb.LevelDbInteropOutputTests.InteropVariable);
        var destination = outputRoot is null ? temp.Combine(name) : Path.Combine(outputRoot, "hdf5-" + name);
        if (File.Exists(destination)) File.Delete(destination);

        var result = Hdf5Rewriter.Copy(source, destination, row => !drop.Contains(row));

        Assert.Equal(drop.Length, result.RowsDropped);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(destination)!, ".*tmp*"));
        using (var reader = Hdf5Reader.Open(destination, ReaderOptions.Default))
        {
            var report = ScrubPipeline.Run(reader, new ScrubOptions { Checks = StandardChecks.Default, Threads = 2 });
            Assert.Equal(result.RowsKept, report.Samples);
            Assert.DoesNotContain(report.Findings, f => f.Kind == FindingKinds.Nan || f.Kind == FindingKinds.Inf);
        }
        var expected = Describe(source, drop);
        Assert.Equal(expected.ToJsonString(), Describe(destination, []).ToJsonString());
        if (outputRoot is not null) File.WriteAllText(destination + ".expected.json", expected.ToJsonString());
    }

    [Fact]
    public void Copy_ChunkCacheSmallerThanTheData_WritesEveryChunkOnceAndCorrectly()
    {
        using var temp = new TempDirectory();
        var source = Fixtures.Path(Fixtures.Hdf5.Bad.ChunkedGzipF32);
        var destination = temp.Combine("out.h5");
        long[] drop = [0, 17, 33, 49];

        // One 8-row chunk is 1536 bytes: a 2000-byte cache holds one chunk, so chunks leave it while writing.
        Hdf5Rewriter.Copy(source, destination, row => !drop.Contains(row), chunkCacheBytes: 2000, CancellationToken.None);

        Assert.Equal(Describe(source, drop).ToJsonString(), Describe(destination, []).ToJsonString());
    }

    [Fact]
    public void WriteSourceList_IsReadBackAsTheSameInputs()
    {
        using var temp = new TempDirectory();
        foreach (var fixture in new[] { Fixtures.Hdf5.Bad.ContiguousF32, Fixtures.Hdf5.Bad.F64 })
            File.Copy(Fixtures.Path(fixture), temp.Combine(Path.GetFileName(fixture)));
        var list = temp.Combine("train.txt");

        Hdf5Rewriter.WriteSourceList(list, ["contiguous_f32.h5", "f64.h5"]);

        using var reader = Hdf5Reader.Open(list, ReaderOptions.Default);
        Assert.Equal(35, reader.Info.ExpectedSamples);
        var ids = reader.ReadSamples(CancellationToken.None).Select(s => s.DisplayId).ToList();
        Assert.Equal("contiguous_f32.h5#0", ids[0]);
        Assert.Equal("f64.h5#14", ids[^1]);
    }

    [Fact]
    public void Copy_DestinationExists_Refuses()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("out.h5");
        File.WriteAllText(destination, "keep me");

        Assert.Throws<IOException>(() => Hdf5Rewriter.Copy(Fixtures.Path(Fixtures.Hdf5.Bad.F64), destination, _ => true));
        Assert.Equal("keep me", File.ReadAllText(destination));
    }

    [Fact]
    public void Copy_GzipLevel4_IsWrittenAsLevel1AndSaysSo()
    {
        using var temp = new TempDirectory();

        var result = Hdf5Rewriter.Copy(Fixtures.Path(Fixtures.Hdf5.Bad.ChunkedGzipF32), temp.Combine("out.h5"), _ => true);

        Assert.Contains(result.Notes, n => n.Contains("deflate level 4 written as 1"));
    }

    /// <summary>What hdf5_interop.py checks, for a file: attributes and, per dataset, type, shape, chunks,
    /// compression and the SHA-256 of its little-endian bytes (rows in <paramref name="drop"/> left out).</summary>
    private static System.Text.Json.Nodes.JsonObject Describe(string path, long[] drop)
    {
        using var source = Hdf5SourceFile.Open(path);
        var file = source.File;
        var datasets = new System.Text.Json.Nodes.JsonObject();
        foreach (var dataset in file.Children().OfType<IH5Dataset>().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var type = Hdf5ElementType.Of(dataset, out _)!;
            var field = Hdf5Field.Open(source, dataset.Name, dataset, type, false, out _)!;
            var kept = Enumerable.Range(0, (int)field.Rows).Where(r => !drop.Contains(r)).ToList();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var raw = new byte[field.SourceRowBytes];
            var little = new byte[field.SourceRowBytes];
            foreach (var r in kept)
            {
                field.ReadRows(r, 1, raw);
                type.ToLittleEndian(raw, little);
                hash.AppendData(little);
            }
            var filters = PureHdfInternals.Filters(dataset) ?? [];
            var deflate = filters.FirstOrDefault(f => f.Id == 1);
            var shape = new System.Text.Json.Nodes.JsonArray(new[] { (ulong)kept.Count }.Concat(field.Dims.Skip(1)).Select(d => (System.Text.Json.Nodes.JsonNode)d).ToArray());
            System.Text.Json.Nodes.JsonNode? chunks = dataset.Layout.Class == H5DataLayoutClass.Chunked
                ? new System.Text.Json.Nodes.JsonArray(dataset.Layout.Chunks.Select((c, i) => (System.Text.Json.Nodes.JsonNode)(i == 0 ? Math.Min(c, (ulong)Math.Max(kept.Count, 1)) : c)).ToArray())
                : null;
            var level = deflate?.Parameters is { Length: > 0 } p ? (int)p[0] : (int?)null;
            datasets[dataset.Name] = new System.Text.Json.Nodes.JsonObject
            {
                ["dtype"] = (type.Class == H5DataTypeClass.FloatingPoint ? "<f" : type.Signed ? "<i" : "<u") + type.Size,
                ["shape"] = shape,
                ["chunks"] = chunks,
                ["compression"] = deflate is not null ? "gzip" : null,
                ["compression_opts"] = level is null ? null : level == 0 ? 0 : level <= 5 ? 1 : 9,
                ["shuffle"] = filters.Any(f => f.Id == 2),
                ["sha256"] = Convert.ToHexStringLower(hash.GetHashAndReset()),
            };
        }
        var attrs = new System.Text.Json.Nodes.JsonObject();
        foreach (var a in file.Attributes().OrderBy(a => a.Name, StringComparer.Ordinal))
            attrs[a.Name] = a.Type.Class == H5DataTypeClass.FixedPoint ? a.Read<long>() : a.Read<string>();
        return new System.Text.Json.Nodes.JsonObject { ["attrs"] = attrs, ["datasets"] = datasets };
    }
}
