using System.Buffers.Binary;
using DataScrub.Formats;
using DataScrub.Formats.Hdf5;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Hostile;

public sealed partial class MutationTests
{
    /// <summary>Every HDF5 file under fixtures/ (the generated ones, the damaged ones, the public corpus).</summary>
    private static IReadOnlyList<string> Hdf5Files() =>
        Directory.GetFiles(Fixtures.Root, "*", SearchOption.AllDirectories)
            .Where(f => Hdf5Inputs.IsHdf5File(f))
            .Select(f => Path.GetRelativePath(Fixtures.Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>Each file damaged (superblock, object headers, dataspace dimensions, addresses, chunk indexes, filter
    /// pipelines, data) and read to the end by <see cref="Hdf5Reader"/> (PureHDF for metadata, DataScrub's own
    /// contiguous/chunk reads). Damage is a finding; a single file that is not HDF5 at all is
    /// <see cref="DatasetUnreadableException"/>.</summary>
    [Fact]
    public void Hdf5_EveryFixture_ReadsWithFindingsOrRefuses()
    {
        const int perFile = 10;
        var files = Hdf5Files();
        Assert.True(files.Count >= 40, $"only {files.Count} HDF5 fixtures found");
        using var temp = new TempDirectory();
        var generators = files.Select((f, i) =>
        {
            var bytes = File.ReadAllBytes(Fixtures.Path(f));
            return new MutationGenerator(bytes, 18_400 + i, Hdf5HotOffsets(bytes));
        }).ToList();
        Run("hdf5").Run(files.Count * perFile, i =>
        {
            var (bytes, description) = generators[i % files.Count].Case(i / files.Count);
            var path = temp.Combine($"case{i % 2}.h5");
            File.WriteAllBytes(path, bytes);
            return new MutationCase($"{files[i % files.Count]}: {description}", () => Scan(path, Hdf5Format.FormatName));
        }, IsUnreadable);
    }

    /// <summary>Caffe's HDF5 source lists (one file name per line), damaged as text and bytes and read with the listed
    /// files resolved from the fixtures' folder: a line that names no file is a missing-file finding.</summary>
    [Fact]
    public void Hdf5_SourceLists_ReadWithFindingsOrRefuse()
    {
        string[] lists = [Fixtures.Hdf5.Lists.Mixed, Fixtures.Hdf5.Lists.TrailingMismatch, Fixtures.Hdf5.Lists.LabelSpelling,
            Fixtures.Hdf5.Lists.Repeated, Fixtures.Hdf5.Lists.Nested];
        using var temp = new TempDirectory();
        var generators = lists.Select((l, i) => new MutationGenerator(File.ReadAllBytes(Fixtures.Path(l)), 18_500 + i)).ToList();
        Run("hdf5 source lists").Run(lists.Length * 60, i =>
        {
            var list = lists[i % lists.Length];
            var (bytes, description) = generators[i % lists.Length].Case(i / lists.Length);
            var path = temp.Combine("list.txt");
            File.WriteAllBytes(path, bytes);
            var options = new ReaderOptions { WorkingDirectory = Path.GetDirectoryName(Fixtures.Path(list)) };
            return new MutationCase($"{list}: {description}", () => Scan(path, Hdf5Format.FormatName, options));
        }, IsUnreadable);
    }

    /// <summary>The superblock, and every 8-byte word whose value could be an address or a size inside the file (object
    /// header and B-tree addresses, dataspace dimensions, chunk and heap sizes).</summary>
    private static IReadOnlyList<int> Hdf5HotOffsets(byte[] bytes)
    {
        var hot = Enumerable.Range(0, Math.Min(bytes.Length, 128)).ToList();
        for (var p = 0; p + 8 <= bytes.Length; p += 4)
        {
            var value = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(p));
            if (value is > 0 and <= 1 << 24 && value < (ulong)bytes.Length * 4) hot.Add(p);
        }
        return hot;
    }
}
