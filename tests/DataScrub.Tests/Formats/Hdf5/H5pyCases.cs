using System.Text.Json.Nodes;
using CsCheck;

namespace DataScrub.Tests.Formats.Hdf5;

/// <summary>One dataset of a generated HDF5 file, as fixtures/hdf5_property_cases.py writes it.</summary>
/// <param name="Layout"><c>contiguous</c>, <c>chunked</c> or <c>gzip</c> (chunked, shuffle + gzip).</param>
/// <param name="Written">Null: written whole. Else only these row ranges [start, end) are written.</param>
/// <param name="Planted">Non-finite values put into the array: row, flat index within the row, <c>nan</c>/<c>inf</c>/<c>-inf</c>.</param>
/// <param name="Maxshape">Chunked only: null (fixed), <c>rows</c> (first dimension unlimited: an extensible-array chunk
/// index under libver latest) or <c>all</c> (every dimension unlimited: a version-2 B-tree).</param>
public sealed record H5pyDataset(string Name, string Dtype, long[] Shape, string Layout, long[]? Chunks,
    IReadOnlyList<(long Start, long End)>? Written, int Seed, IReadOnlyList<(long Row, long Index, string Kind)> Planted, string? Maxshape = null)
{
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["dtype"] = Dtype,
        ["shape"] = new JsonArray(Shape.Select(d => (JsonNode)d).ToArray()),
        ["layout"] = Layout,
        ["chunks"] = Chunks is null ? null : new JsonArray(Chunks.Select(d => (JsonNode)d).ToArray()),
        ["maxshape"] = Maxshape,
        ["written"] = Written is null ? null : new JsonArray(Written.Select(w => (JsonNode)new JsonArray(w.Start, w.End)).ToArray()),
        ["seed"] = Seed,
        ["planted"] = new JsonArray(Planted.Select(p => (JsonNode)new JsonArray(p.Row, p.Index, p.Kind)).ToArray()),
    };
}

/// <param name="Libver">h5py's <c>libver</c>: <c>earliest</c> (B-tree v1 chunk index) or <c>latest</c> (fixed-array / single-chunk index, version-3 superblock).</param>
/// <param name="Userblock">Bytes of user block before the superblock (0 for none).</param>
public sealed record H5pyFile(string Name, string Libver, int Userblock, IReadOnlyList<H5pyDataset> Datasets)
{
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["libver"] = Libver,
        ["userblock"] = Userblock,
        ["datasets"] = new JsonArray(Datasets.Select(d => (JsonNode)d.ToJson()).ToArray()),
    };
}

/// <summary>One scan input: a single file, or a source list naming <see cref="List"/> (entries may repeat).</summary>
public sealed record H5pyCase(string Name, IReadOnlyList<H5pyFile> Files, IReadOnlyList<string>? List)
{
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["files"] = new JsonArray(Files.Select(f => (JsonNode)f.ToJson()).ToArray()),
        ["list"] = List is null ? null : new JsonArray(List.Select(e => (JsonNode)e).ToArray()),
    };

    public override string ToString() => ToJson().ToJsonString();

    public static JsonObject Spec(IEnumerable<H5pyCase> cases) =>
        new() { ["cases"] = new JsonArray(cases.Select(c => (JsonNode)c.ToJson()).ToArray()) };
}

/// <summary>
/// The cases of the HDF5 property test: CsCheck generators over row sizes (1 to 4,096 values), N (1 to
/// 100,000), float16/32/64 and integer dtypes in both byte orders, contiguous / chunked / gzip+shuffle
/// layouts, several datasets of different N, label spellings, user blocks, partly written chunked
/// datasets and repeated list entries; and the fixed repro cases of the HDF5 issue, always included.
/// </summary>
public static class H5pyCases
{
    /// <summary>Values per dataset at most (N x row size), so that a run stays fast.</summary>
    public const long MaxValuesPerDataset = 2_000_000;

    private static readonly string[] FloatTypes = ["<f2", ">f2", "<f4", ">f4", "<f8", ">f8"];

    private static readonly string[] IntTypes = ["|i1", "|u1", "<i2", ">i2", "<u2", ">u2", "<i4", ">i4", "<u4", ">u4", "<i8", ">i8", "<u8", ">u8"];

    private static readonly string[] Names = ["data", "label", "aux", "feat", "extra", "more"];

    /// <summary>A dataset as it appears in every file of a case: name, values per row, dtype.</summary>
    private sealed record Template(string Name, long RowValues, string Dtype);

    /// <summary>Log-uniform in [1, max]: small sizes often, the largest ones sometimes.</summary>
    private static Gen<long> LogUniform(long max) =>
        Gen.Double[0, 1].Select(u => Math.Clamp((long)Math.Round(Math.Exp(u * Math.Log(max))), 1, max));

    private static readonly Gen<Template> GenTemplate =
        from nameIndex in Gen.Int[0, Names.Length - 1]
        from isFloat in Gen.Int[0, 3]
        from floatType in Gen.OneOf(FloatTypes)
        from intType in Gen.OneOf(IntTypes)
        from rowValues in LogUniform(4096)
        from oneValue in Gen.Int[0, 2]
        let name = Names[nameIndex]
        // Labels mostly hold one value per row (a class), sometimes a mask.
        select new Template(name, name == "label" && oneValue > 0 ? 1 : rowValues, isFloat > 0 ? floatType : intType);

    /// <summary>The row shape spelled in one of the ways HDF5 files spell it: (N,) or (N,1) for one value,
    /// (N,D), (N,a,D/a) or (N,a,b,D/ab).</summary>
    private static Gen<long[]> Spelling(long rowValues) =>
        Gen.Int[0, 3].Select(Gen.Int[1, 64], (way, seed) =>
        {
            if (rowValues == 1) return way % 2 == 0 ? [] : new long[] { 1 };
            var divisors = Enumerable.Range(2, 62).Select(d => (long)d).Where(d => rowValues % d == 0 && d < rowValues).ToList();
            if (way <= 1 || divisors.Count == 0) return [rowValues];
            var a = divisors[seed % divisors.Count];
            var rest = rowValues / a;
            var inner = Enumerable.Range(2, 62).Select(d => (long)d).Where(d => rest % d == 0 && d < rest).ToList();
            if (way == 2 || inner.Count == 0) return [a, rest];
            var b = inner[seed % inner.Count];
            return [a, b, rest / b];
        });

    private static Gen<H5pyDataset> GenDataset(Template template, long rows, long[] rowShape) =>
        from layoutPick in Gen.Int[0, 2]
        from chunkRows in LogUniform(Math.Max(rows, 1))
        from splitTrailing in Gen.Int[0, 3]
        from trailingChunkSeeds in Gen.Int[1, 1 << 20].Array[rowShape.Length]
        from partly in Gen.Int[0, 5]
        from cuts in Gen.Long[0, rows].Array[0, 6]
        from seed in Gen.Int[0, 1 << 30]
        from plantCount in Gen.Int[0, 4]
        from plantRows in Gen.Long[0, Math.Max(rows - 1, 0)].Array[plantCount]
        from plantIndexes in Gen.Long[0, template.RowValues - 1].Array[plantCount]
        from plantKinds in Gen.OneOf("nan", "inf", "-inf").Array[plantCount]
        from maxshape in Gen.OneOf<string?>(null, null, "rows", "all")
        select MakeDataset(template, rows, rowShape, layoutPick, chunkRows, splitTrailing, trailingChunkSeeds, partly, cuts, seed,
            plantRows, plantIndexes, plantKinds) is var dataset && dataset.Chunks is not null ? dataset with { Maxshape = maxshape } : dataset;

    private static H5pyDataset MakeDataset(Template template, long rows, long[] rowShape, int layoutPick, long chunkRows, int splitTrailing,
        int[] trailingChunkSeeds, int partly, long[] cuts, int seed, long[] plantRows, long[] plantIndexes, string[] plantKinds)
    {
        var layout = layoutPick switch { 0 => "contiguous", 1 => "chunked", _ => "gzip" };
        long[] shape = [rows, .. rowShape];
        long[]? chunks = null;
        if (layout != "contiguous")
        {
            chunks = [chunkRows, .. rowShape.Select((d, i) => splitTrailing == 0 ? 1 + trailingChunkSeeds[i] % d : d)];
            // At most 4,096 chunks per dataset (h5py and the reader both walk them): grow the row chunk.
            while (ChunkCount(shape, chunks) > 4096) chunks[0] = Math.Min(rows, chunks[0] * 2);
            for (var i = 1; ChunkCount(shape, chunks) > 4096 && i < chunks.Length; i++) chunks[i] = shape[i];
        }
        IReadOnlyList<(long, long)>? written = null;
        if (rows > 0 && partly == 0)
        {
            // Contiguous storage is all or nothing; chunked datasets get a few written row ranges.
            var bounds = cuts.Order().ToArray();
            written = layout == "contiguous" ? [] : Enumerable.Range(0, bounds.Length / 2).Select(i => (bounds[2 * i], bounds[2 * i + 1]))
                .Where(r => r.Item2 > r.Item1).ToList();
        }
        var planted = new List<(long, long, string)>();
        if (template.Dtype[1] == 'f')
        {
            var seen = new HashSet<(long, long)>();
            for (var i = 0; i < plantRows.Length; i++)
            {
                var row = plantRows[i];
                if (rows == 0 || (written is not null && !written.Any(w => w.Item1 <= row && row < w.Item2))) continue;
                if (seen.Add((row, plantIndexes[i]))) planted.Add((row, plantIndexes[i], plantKinds[i]));
            }
        }
        return new H5pyDataset(template.Name, template.Dtype, shape, layout, chunks, written, seed, planted);
    }

    private static long ChunkCount(long[] shape, long[] chunks) =>
        shape.Zip(chunks).Aggregate(1L, (a, p) => a * Math.Max(1, (p.First + p.Second - 1) / p.Second));

    private static Gen<H5pyFile> GenFile(string name, IReadOnlyList<Template> templates, long budget) =>
        from rows in LogUniform(Math.Max(1, Math.Min(100_000, budget / templates.Max(t => t.RowValues))))
        from ownRows in LogUniform(Math.Max(1, Math.Min(100_000, budget / templates.Max(t => t.RowValues)))).Array[templates.Count]
        from differentN in Gen.Int[0, 4]
        from spellings in SpellingsOf(templates)
        from datasetSeeds in Gen.Int[0, 1 << 30].Array[templates.Count]
        from libver in Gen.OneOf("earliest", "earliest", "earliest", "latest")
        from userblock in Gen.OneOf(0, 0, 0, 0, 512, 1024, 4096)
        from datasets in DatasetsOf(templates, differentN == 0 ? ownRows : templates.Select(_ => rows).ToArray(), spellings)
        select new H5pyFile(name, libver, userblock, datasets);

    private static Gen<long[][]> SpellingsOf(IReadOnlyList<Template> templates) =>
        templates.Aggregate(Gen.Const(Array.Empty<long[]>()), (acc, t) => acc.SelectMany(list => Spelling(t.RowValues).Select(s => (long[][])[.. list, s])));

    private static Gen<H5pyDataset[]> DatasetsOf(IReadOnlyList<Template> templates, long[] rows, long[][] spellings) =>
        templates.Select((t, i) => (t, i)).Aggregate(Gen.Const(Array.Empty<H5pyDataset>()),
            (acc, p) => acc.SelectMany(list => GenDataset(p.t, rows[p.i], spellings[p.i]).Select(d => (H5pyDataset[])[.. list, d])));

    /// <summary>One generated case: 1-3 files sharing their datasets' names, values per row (sometimes
    /// changed in one file: Caffe's misaligned-rows error) and dtypes; a list when more than one file or
    /// when asked, sometimes naming a file twice.</summary>
    public static Gen<H5pyCase> GenCase(string name) =>
        from templateCount in Gen.Int[1, 5]
        from rawTemplates in GenTemplate.Array[templateCount]
        from fileCount in Gen.Int[1, 3]
        from useList in Gen.Int[0, 2]
        from repeat in Gen.Int[0, 4]
        from changeRowValues in Gen.Int[0, 4]
        from changedRowValues in LogUniform(64)
        from files in FilesOf(Distinct(rawTemplates), fileCount, changeRowValues == 0 ? changedRowValues : 0)
        let list = fileCount > 1 || useList == 0 || repeat == 0
            ? files.Select(f => f.Name).Concat(repeat == 0 ? [files[0].Name] : []).ToList()
            : null
        select new H5pyCase(name, files, list);

    /// <summary>A batch of <paramref name="count"/> cases named c0, c1, ...</summary>
    public static Gen<H5pyCase[]> GenBatch(int count) =>
        Enumerable.Range(0, count).Aggregate(Gen.Const(Array.Empty<H5pyCase>()),
            (acc, i) => acc.SelectMany(list => GenCase($"c{i}").Select(c => (H5pyCase[])[.. list, c])));

    private static List<Template> Distinct(Template[] templates) =>
        templates.DistinctBy(t => t.Name).ToList();

    private static Gen<H5pyFile[]> FilesOf(List<Template> templates, int count, long changedRowValues)
    {
        var budget = MaxValuesPerDataset / (count * templates.Count);
        return Enumerable.Range(0, count).Aggregate(Gen.Const(Array.Empty<H5pyFile>()), (acc, i) => acc.SelectMany(list =>
        {
            // The last file of a multi-file case may hold the first dataset with another row size.
            var mine = i > 0 && i == count - 1 && changedRowValues > 0 && changedRowValues != templates[0].RowValues
                ? [templates[0] with { RowValues = changedRowValues }, .. templates.Skip(1)]
                : templates;
            return GenFile($"f{i}.h5", mine, budget).Select(f => (H5pyFile[])[.. list, f]);
        }));
    }

    /// <summary>The exact repro cases of the HDF5 issue; every run includes them.</summary>
    public static IReadOnlyList<H5pyCase> Fixed { get; } =
    [
        // Item 1: N x D feature vectors of 64 floats and an (N,) label: rows of 256 bytes.
        new("small-rows", [new("f0.h5", "earliest", 0, [
            new("data", "<f4", [20000, 64], "contiguous", null, null, 1, [(0, 0, "nan"), (4031, 63, "inf"), (4032, 1, "nan"), (19999, 63, "-inf")]),
            new("label", "<f4", [20000], "contiguous", null, null, 2, [(7000, 0, "nan")])])], null),
        // Item 2: the shorter dataset first (a 4x4 with a NaN at [0,0], b 8x4).
        new("shorter-first", [new("f0.h5", "earliest", 0, [
            new("a", "<f4", [4, 4], "contiguous", null, null, 3, [(0, 0, "nan")]),
            new("b", "<f4", [8, 4], "contiguous", null, null, 4, [])])], null),
        // Item 3: the label spelled (N,) in one file and (N,1) in another, data 3 values spelled (N,3) and
        // (N,1,3): the same values per row, no finding; a last file with 4 values per data row: an error.
        new("label-spelling", [
            new("f0.h5", "earliest", 0, [new("data", "<f4", [6, 3], "contiguous", null, null, 5, []), new("label", "<i8", [6], "contiguous", null, null, 6, [])]),
            new("f1.h5", "earliest", 0, [new("data", "<f4", [5, 1, 3], "contiguous", null, null, 7, [(4, 2, "nan")]), new("label", "<i8", [5, 1], "contiguous", null, null, 8, [])]),
            new("f2.h5", "earliest", 0, [new("data", "<f4", [3, 4], "contiguous", null, null, 9, []), new("label", "<i8", [3, 1], "contiguous", null, null, 10, [])])],
            ["f0.h5", "f1.h5", "f2.h5"]),
        // Item 4: declared 2^31 rows, nothing written; and a chunked dataset written in two ranges.
        new("never-written", [new("f0.h5", "earliest", 0, [
            new("data", "<f4", [1L << 31, 4, 16, 16], "chunked", [64, 4, 16, 16], [], 11, [])])], null),
        new("partly-written", [new("f0.h5", "earliest", 0, [
            new("data", "<f4", [1000, 8], "gzip", [64, 8], [(100, 300), (700, 710)], 12, [(150, 3, "nan")])])], null),
        new("contiguous-unallocated", [new("f0.h5", "earliest", 0, [
            new("data", "<f4", [50, 3], "contiguous", null, [], 13, []),
            new("label", "<i8", [50], "contiguous", null, null, 14, [])])], null),
        // Item 5: user blocks of 1,024 and 4,096 bytes; contiguous and chunked big-endian float64.
        new("userblock-1024", [new("f0.h5", "earliest", 1024, [new("data", "<f4", [30, 5], "contiguous", null, null, 15, [(29, 4, "nan")])])], null),
        new("userblock-4096-latest", [new("f0.h5", "latest", 4096, [new("data", "<f4", [30, 5], "gzip", [7, 5], null, 16, [(3, 0, "inf")])])], null),
        new("bigendian-f8", [new("f0.h5", "earliest", 0, [
            new("c", ">f8", [30, 20], "contiguous", null, null, 17, [(11, 19, "nan")]),
            new("k", ">f8", [30, 20], "gzip", [8, 7], null, 18, [(29, 0, "-inf")])])], null),
        // Item 6: a list naming the same file twice; and five datasets (more fields than a sample had room for).
        new("repeated-entry", [new("t0.h5", "earliest", 0, [new("data", "<f4", [4, 2], "contiguous", null, null, 19, [(1, 1, "nan")])])], ["t0.h5", "t0.h5"]),
        // Tall chunks of wide rows (4500 x 1 of a 4500 x 4096 float32): a row block of every chunk is 74 MB, more
        // than the slab and the chunk cache may hold; the rows still come out right, in bounded memory.
        new("tall-chunks", [new("f0.h5", "earliest", 0, [
            new("data", "<f4", [4500, 4096], "chunked", [4500, 1], null, 31, [(0, 0, "nan"), (4095, 4095, "inf"), (4096, 7, "nan"), (4499, 4095, "-inf")])])], null),
        // Appendable datasets (maxshape None) under libver latest: extensible-array and version-2 B-tree chunk indexes,
        // walked by DataScrub since issue 18 (PureHDF before). Partly written: the unwritten rows are reported, not read.
        new("appendable-latest", [new("f0.h5", "latest", 0, [
            new("data", "<f4", [5000, 6], "gzip", [3, 6], [(0, 40), (2000, 2600), (4990, 5000)], 32, [(39, 5, "nan"), (2500, 0, "inf")], "rows"),
            new("grid", "<f4", [5000, 6], "chunked", [7, 4], [(0, 3000)], 33, [(2999, 5, "-inf")], "all"),
            new("label", "<i8", [5000], "chunked", [16], null, 34, [], "rows")])], null),
        new("five-datasets", [new("f0.h5", "earliest", 0, [
            .. new[] { "d1", "d2", "d3", "d4" }.Select((n, i) => new H5pyDataset(n, "<f4", [5, 2], "contiguous", null, null, 20 + i, [(i, 1, "nan")])),
            new("label", "<i8", [5], "contiguous", null, null, 30, [])])], null),
    ];
}
