using System.Diagnostics;
using System.Text.Json;
using CsCheck;
using DataScrub.Formats;
using DataScrub.Formats.Hdf5;
using DataScrub.Formats.ImageFolder;
using DataScrub.Sharding;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Sharding;

/// <summary>
/// Generated HDF5 source lists (random files of random row counts, contiguous or in gzip chunks of random height, empty
/// files, missing and repeated entries; written by h5py) and generated image listings (0 to 3000 entries: class folders,
/// flat folders, listfiles with missing files and bad labels, masks with some missing) read as 1, 2, 3, 7 and a random
/// number of shards add up to the whole read (<see cref="ShardedReads"/>), and the shards share the samples within 2x.
/// A failure message carries CsCheck's seed (<c>CsCheck_Seed=SEED dotnet test --filter ShardingPropertyTests</c>).
/// </summary>
public class ShardingPropertyTests
{
    private static readonly int[] FixedCounts = [1, 2, 3, 7];

    /// <summary>One file of a generated list: rows, values per row, rows per chunk (0: contiguous), whether the list names
    /// it at all (a missing entry otherwise), and how often it is listed.</summary>
    public sealed record H5File(int Rows, int Values, int ChunkRows, bool Exists, int Listings);

    private static readonly Gen<H5File> GenH5File =
        from rows in Gen.Frequency((1, Gen.Const(0)), (6, Gen.Int[1, 400]), (1, Gen.Int[400, 3000]))
        from values in Gen.Int[1, 6]
        from chunkRows in Gen.Frequency((1, Gen.Const(0)), (2, Gen.Int[1, 64]))
        from exists in Gen.Frequency((8, Gen.Const(true)), (1, Gen.Const(false)))
        from listings in Gen.Frequency((6, Gen.Const(1)), (1, Gen.Const(2)))
        select new H5File(rows, values, chunkRows, exists, listings);

    [Fact]
    public void Shards_OfGeneratedHdf5Lists_AddUpAndBalance()
    {
        var gen = from files in GenH5File.Array[1, 6].Array[8]
                  from extraCount in Gen.Int[2, 16]
                  select (Lists: files, ExtraCount: extraCount);
        gen.Sample(batch =>
        {
            using var temp = new TempDirectory();
            var lists = WriteHdf5Lists(temp, batch.Lists);
            var failures = new List<string>();
            foreach (var (list, files) in lists.Zip(batch.Lists))
            {
                var errors = Check(o => Hdf5Reader.Open(list, o), ReaderOptions.Default, batch.ExtraCount);
                if (errors.Count > 0) failures.Add($"{string.Join(", ", files.Select(f => f.ToString()))}:\n  {string.Join("\n  ", errors)}");
            }
            if (failures.Count > 0) throw new Xunit.Sdk.XunitException(string.Join("\n", failures));
        }, iter: 1, threads: 1, print: b => $"{b.Lists.Length} lists, extra count {b.ExtraCount}");
    }

    public enum ImageLayout { ListFile, ClassFolders, Flat }

    /// <summary>A generated image listing: its layout, how many images, and per mille how many lines or masks are damaged.</summary>
    public sealed record ImageCase(ImageLayout Layout, int Images, int DamagePerMille, bool Masks, int Seed);

    [Fact]
    public void Shards_OfGeneratedImageListings_AddUpAndBalance()
    {
        var gen = from layout in Gen.Enum<ImageLayout>()
                  from images in Gen.Frequency((1, Gen.Int[0, 40]), (1, Gen.Int[40, 1100]), (1, Gen.Int[1100, 3000]))
                  from damage in Gen.Frequency((1, Gen.Const(0)), (2, Gen.Int[1, 300]))
                  from masks in Gen.Bool
                  from seed in Gen.Int
                  from extraCount in Gen.Int[2, 16]
                  select (Case: new ImageCase(layout, images, damage, masks, seed), ExtraCount: extraCount);
        gen.Sample(c =>
        {
            using var temp = new TempDirectory();
            var (path, maskRoot) = WriteImages(temp, c.Case);
            var errors = Check(o => ImageFolderReader.Open(path, o.Root, o.MaskRoot, o.Shard), new ReaderOptions(MaskRoot: maskRoot), c.ExtraCount);
            if (errors.Count > 0) throw new Xunit.Sdk.XunitException(string.Join("\n", errors));
        }, iter: 6, threads: 1, print: c => $"{c.Case}, extra count {c.ExtraCount}");
    }

    /// <summary>The contract for N = 1, 2, 3, 7 and <paramref name="extraCount"/>, and, for every N no larger than the sample
    /// count, no shard with more than twice the samples of another (every shard gets some).</summary>
    private static List<string> Check(Func<ReaderOptions, DataScrub.Formats.IDatasetReader> open, ReaderOptions options, int extraCount)
    {
        var whole = ShardedReads.ReadAll(open, options);
        var errors = ShardedReads.UnitErrors(whole);
        foreach (var count in FixedCounts.Append(extraCount).Distinct())
        {
            errors.AddRange(ShardedReads.Differences(open, options, whole, count));
            if (whole.Samples.Count < count) continue;
            var sizes = Enumerable.Range(0, count).Select(i => whole.Samples.Count(s => InShard(s.Unit, whole.Info.Units, new ShardSpec(i, count)))).ToList();
            if (sizes.Max() > 2 * sizes.Min())
                errors.Add($"{count} shards of {whole.Samples.Count} samples in {whole.Info.Units} units are unbalanced: {string.Join(", ", sizes)}");
        }
        return errors;
    }

    private static bool InShard(long unit, long units, ShardSpec shard)
    {
        var (first, end) = shard.UnitsOf(units);
        return unit >= first && unit < end;
    }

    /// <summary>Writes each list's files with h5py (one process for the batch): data float32 (rows, values) with a NaN in
    /// every 7th row, label int64 (rows,).</summary>
    private static List<string> WriteHdf5Lists(TempDirectory temp, H5File[][] lists)
    {
        var spec = new List<object>();
        var listPaths = new List<string>();
        for (var l = 0; l < lists.Length; l++)
        {
            var lines = new List<string>();
            for (var f = 0; f < lists[l].Length; f++)
            {
                var file = lists[l][f];
                var name = $"l{l}_f{f}.h5";
                if (file.Exists) spec.Add(new { path = temp.Combine(name), rows = file.Rows, values = file.Values, chunk = file.ChunkRows });
                for (var n = 0; n < file.Listings; n++) lines.Add(name);
            }
            var list = temp.Combine($"list{l}.txt");
            File.WriteAllLines(list, lines);
            listPaths.Add(list);
        }
        var specPath = temp.Combine("spec.json");
        File.WriteAllText(specPath, JsonSerializer.Serialize(spec));
        const string script = """
            import h5py, json, sys
            import numpy as np
            for f in json.load(open(sys.argv[1])):
                rows, values, chunk = f["rows"], f["values"], f["chunk"]
                data = np.arange(rows * values, dtype=np.float32).reshape(rows, values)
                data[::7, 0] = np.nan
                with h5py.File(f["path"], "w") as h:
                    if chunk and rows:
                        h.create_dataset("data", data=data, chunks=(min(chunk, rows), values), compression="gzip")
                    else:
                        h.create_dataset("data", data=data)
                    h.create_dataset("label", data=np.arange(rows, dtype=np.int64) % 5)
            """;
        var start = new ProcessStartInfo(DataScrub.Tests.Formats.Hdf5.H5pyOracle.Python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-B", "-c", script, specPath }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)) || process.ExitCode != 0)
            Assert.Fail($"h5py could not write the generated files (python3 with h5py and numpy is needed): {stderr.Result}");
        return listPaths;
    }

    /// <summary>Writes a generated listing: tiny files with image extensions (the reader reads bytes; decoding is the
    /// workers'), listfile lines that are missing, have a bad or negative label, or are blank; masks for most images.</summary>
    private static (string Path, string? MaskRoot) WriteImages(TempDirectory temp, ImageCase c)
    {
        var random = new Random(c.Seed);
        bool Damaged() => random.Next(1000) < c.DamagePerMille;
        var root = temp.Combine("images");
        var maskRoot = c.Masks ? temp.Combine("masks") : null;
        Directory.CreateDirectory(root);
        var lines = new List<string>();
        string[] extensions = [".jpg", ".png", ".bmp", ".PNG"];
        for (var i = 0; i < c.Images; i++)
        {
            var label = random.Next(4);
            var folder = c.Layout == ImageLayout.Flat ? $"sub{random.Next(3)}" : $"class{label}";
            var relative = $"{folder}/img_{i:D5}{extensions[random.Next(extensions.Length)]}";
            if (c.Layout == ImageLayout.ListFile && Damaged())
            {
                lines.Add(random.Next(4) switch { 0 => $"{relative} {label}", 1 => $"{relative} x{label}", 2 => $"{relative} -{label + 1}", _ => "" });
                continue;
            }
            Directory.CreateDirectory(Path.Combine(root, folder));
            File.WriteAllBytes(Path.Combine(root, relative), [.. Enumerable.Range(0, 1 + random.Next(24)).Select(_ => (byte)random.Next(256))]);
            lines.Add($"{relative} {label}");
            if (maskRoot is not null && !Damaged())
            {
                Directory.CreateDirectory(Path.Combine(maskRoot, folder));
                File.WriteAllBytes(Path.Combine(maskRoot, Path.ChangeExtension(relative, ".png")), [(byte)i, (byte)(i >> 8)]);
            }
        }
        if (maskRoot is not null) Directory.CreateDirectory(maskRoot);
        if (c.Layout != ImageLayout.ListFile)
        {
            // A folder of no images cannot be opened at all; one image keeps the case about sharding.
            if (c.Images == 0) File.WriteAllBytes(Path.Combine(root, "only.png"), [1]);
            return (root, maskRoot);
        }
        var list = Path.Combine(root, "train.txt");
        // A listfile's first non-blank line must name an image for it to be recognised as one.
        File.WriteAllLines(list, lines.Prepend("first.png 0"));
        File.WriteAllBytes(Path.Combine(root, "first.png"), [1]);
        return (list, maskRoot);
    }
}
