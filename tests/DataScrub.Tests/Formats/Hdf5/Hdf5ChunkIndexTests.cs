using System.Text.Json;
using DataScrub.Formats.Hdf5;
using DataScrub.Tests.Shared;
using PureHDF;

namespace DataScrub.Tests.Formats.Hdf5;

/// <summary>
/// The extensible-array and version-2 B-tree chunk indexes (libver 'latest' with maxshape None), which DataScrub walks
/// itself since issue 18, at the sizes where their structure changes: an extensible array past 131,076 chunks, where
/// super blocks hold data blocks larger than a page and only the pages written are initialised; a B-tree two levels
/// deep. PureHDF, which read them before, called rows 65,536..131,071 of a valid 300,000-chunk file unreadable, and
/// read the 10^6 fill rows of a resized dataset one by one. h5py writes the files; its chunk queries are the oracle.
/// </summary>
public sealed class Hdf5ChunkIndexTests
{
    private const string Script = """
        import sys, json, h5py, numpy as np
        folder = sys.argv[1]
        written = [0, 1, 2, 131075, 131076, 131100, 133000, 139999, 140000]
        with h5py.File(f"{folder}/paged.h5", "w", libver="latest") as f:
            d = f.create_dataset("data", shape=(140001, 2), maxshape=(None, 2), chunks=(1, 2), dtype="f4")
            z = f.create_dataset("zipped", shape=(140001, 2), maxshape=(None, 2), chunks=(1, 2), dtype="f4", compression="gzip")
            for row in written:
                d[row] = [row, 1]
                z[row] = [row, 1]
            d[133000] = [np.inf, 0]
            z[139999] = [np.nan, 0]
        with h5py.File(f"{folder}/deep.h5", "w", libver="latest") as f:
            g = f.create_dataset("data", shape=(12000, 2), maxshape=(None, None), chunks=(1, 1), dtype="f4")
            values = np.arange(24000, dtype="f4").reshape(12000, 2)
            values[11999, 1] = -np.inf
            g[:11000] = values[:11000]
            g[11500:] = values[11500:]
        with h5py.File(f"{folder}/paged.h5") as f:
            chunks = {name: sorted(f[name].id.get_chunk_info(i).chunk_offset[0] for i in range(f[name].id.get_num_chunks())) for name in ("data", "zipped")}
        with h5py.File(f"{folder}/deep.h5") as f:
            chunks["deep"] = f["data"].id.get_num_chunks()
        print(json.dumps(chunks))
        """;

    [Fact]
    public void APagedExtensibleArray_WrittenInPlaces_IsReadWhereWritten_AndReportedUnwrittenElsewhere()
    {
        using var dir = Write(out var chunks);
        Assert.Equal([0, 1, 2, 131075, 131076, 131100, 133000, 139999, 140000], chunks.GetProperty("data").EnumerateArray().Select(c => c.GetInt64()));
        var run = CliRun.Process(null, "scan", dir.Combine("paged.h5"), "--data", "data", "--label", "zipped", "--json", "-", "--quiet");
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}: {run.Error}\n{run.Out}");
        using var report = JsonDocument.Parse(run.Out);
        var dataset = report.RootElement.GetProperty("datasets")[0];
        Assert.Equal(9, dataset.GetProperty("samples").GetInt64());
        var findings = dataset.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("kind").GetString() == "inf" && f.GetProperty("sample").GetString()!.EndsWith("#133000", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.GetProperty("kind").GetString() == "nan" && f.GetProperty("sample").GetString()!.EndsWith("#139999", StringComparison.Ordinal));
        var unwritten = findings.Where(f => f.GetProperty("kind").GetString() == "unwritten-rows").Select(f => f.GetProperty("message").GetString()!).ToList();
        // The gaps between the written rows, in both datasets: 3..131074, 131077..131099, 131101..132999, 133001..139998.
        foreach (var gap in new[] { "rows 3..131074 ", "rows 131077..131099 ", "rows 131101..132999 ", "rows 133001..139998 " })
            Assert.Equal(2, unwritten.Count(m => m.Contains(gap, StringComparison.Ordinal)));
        Assert.Equal(8, unwritten.Count);
    }

    [Fact]
    public void AVersion2BTree_TwoLevelsDeep_IsWalkedInOrder()
    {
        using var dir = Write(out var chunks);
        Assert.Equal(23000, chunks.GetProperty("deep").GetInt64());
        var run = CliRun.Process(null, "scan", dir.Combine("deep.h5"), "--json", "-", "--quiet");
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}: {run.Error}\n{run.Out}");
        using var report = JsonDocument.Parse(run.Out);
        var dataset = report.RootElement.GetProperty("datasets")[0];
        Assert.Equal(11500, dataset.GetProperty("samples").GetInt64());
        var findings = dataset.GetProperty("findings").EnumerateArray().ToList();
        Assert.Single(findings, f => f.GetProperty("kind").GetString() == "inf" && f.GetProperty("sample").GetString()!.EndsWith("#11999", StringComparison.Ordinal));
        Assert.Single(findings, f => f.GetProperty("kind").GetString() == "unwritten-rows" && f.GetProperty("message").GetString()!.Contains("rows 11000..11499 ", StringComparison.Ordinal));
    }

    /// <summary>jhdf's file of every layout-version-4 chunk index, unfiltered and deflated (fixtures/hdf5/public): each
    /// numeric dataset of its eight groups, read through DataScrub's own index walkers, is h5py's bytes.</summary>
    [Fact]
    public void JhdfsChunkedV4File_EveryIndexKind_ReadsAsH5pyReadsIt()
    {
        const string dump = """
            import sys, json, h5py, numpy as np
            folder, path = sys.argv[1], sys.argv[2]
            names = []
            with h5py.File(path) as f:
                def visit(name, obj):
                    if isinstance(obj, h5py.Dataset) and obj.dtype.kind in "iuf":
                        obj[...].astype(obj.dtype.newbyteorder("<")).tofile(f"{folder}/{len(names)}.bin")
                        names.append(name)
                f.visititems(visit)
            print(json.dumps(names))
            """;
        var path = Fixtures.Path(Fixtures.Hdf5.Public.Jhdf.ChunkedV4);
        using var dir = new TempDirectory();
        var names = JsonDocument.Parse(H5pyOracle.RunScript(dump, dir.Path, path))
            .RootElement.EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains("extensible_array/large_int16", names);
        Assert.Contains("filtered_btree_v2/float64", names);
        Assert.Equal(45, names.Count);
        using var source = Hdf5SourceFile.Open(path);
        for (var i = 0; i < names.Count; i++)
        {
            var dataset = source.File.Dataset(names[i]);
            var type = Hdf5ElementType.Of(dataset, out _)!;
            var field = Hdf5Field.Open(source, names[i], dataset, type, false, out var problem);
            Assert.True(field is not null, $"{names[i]}: {problem}");
            // Every kind of index is walked by DataScrub (none is left to PureHDF).
            Assert.IsType<Hdf5ChunkedRows>(field.Storage);
            var rows = new byte[checked((int)(field.Rows * field.SourceRowBytes))];
            field.ReadRows(0, (int)field.Rows, rows);
            var little = new byte[rows.Length];
            type.ToLittleEndian(rows, little);
            Assert.True(File.ReadAllBytes(dir.Combine($"{i}.bin")).AsSpan().SequenceEqual(little), $"{names[i]} differs from h5py's values");
        }
    }

    [Fact]
    public void TheLookup3Checksum_IsBobJenkinsHashlittle()
    {
        // hashlittle's published self-test values (lookup3.c, driver5): "" -> 0xdeadbeef,
        // "Four score and seven years ago" -> 0x17770551 with initial value 0.
        Assert.Equal(0xdeadbeefu, Hdf5Checksum.Lookup3([]));
        Assert.Equal(0x17770551u, Hdf5Checksum.Lookup3("Four score and seven years ago"u8));
    }

    private static TempDirectory Write(out JsonElement chunks)
    {
        var dir = new TempDirectory();
        chunks = JsonDocument.Parse(H5pyOracle.RunScript(Script, dir.Path)).RootElement.Clone();
        return dir;
    }
}
