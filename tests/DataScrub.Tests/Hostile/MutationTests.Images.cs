using System.Buffers.Binary;
using System.IO.Hashing;
using DataScrub.Formats;
using DataScrub.Formats.ImageFolder;
using DataScrub.Samples;
using DataScrub.Tests.Shared;

using DataScrub.Images;

namespace DataScrub.Tests.Hostile;

public sealed partial class MutationTests
{
    /// <summary>Every image file under fixtures/ (the class trees, the damage cases, masks, the public codec corpus).</summary>
    private static IReadOnlyList<string> ImageFiles() =>
        new[] { "images", "masks", "masks_voc" }
            .SelectMany(folder => Directory.GetFiles(Fixtures.Path(folder), "*", SearchOption.AllDirectories))
            .Where(f => ImageContainers.FromExtension(Path.GetExtension(f)) is not null)
            .Select(f => Path.GetRelativePath(Fixtures.Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Every image damaged (JPEG segment lengths, PNG chunk lengths, GIF/BMP/WebP/TIFF size and offset fields, pixel
    /// data) and inspected as a scan does: structure walk, declared size against the pixel limit, then the reference
    /// decoder under a deadline. The inspector has no exception to throw: every outcome is a verdict. Half of the PNG
    /// cases get their chunk CRCs recomputed, so the damage reaches libpng rather than stopping at the CRC check.
    /// </summary>
    [Fact]
    public void Images_EveryFixture_InspectsToAVerdict()
    {
        var files = ImageFiles();
        Assert.True(files.Count >= 500, $"only {files.Count} image fixtures found");
        var perFile = Math.Max(6, 3500 / files.Count);
        var generators = files.Select((f, i) =>
        {
            var bytes = File.ReadAllBytes(Fixtures.Path(f));
            return new MutationGenerator(bytes, 18_600 + i, ImageHotOffsets(bytes));
        }).ToList();
        Run("images").Run(files.Count * perFile, i =>
        {
            var generator = generators[i % files.Count];
            var (bytes, description) = generator.Case(i / files.Count);
            var resealed = i / files.Count % 2 == 0 && ResealPng(generator.Original, bytes);
            var expected = ImageContainers.FromExtension(Path.GetExtension(files[i % files.Count]));
            return new MutationCase($"{files[i % files.Count]}: {description}{(resealed ? " (PNG CRCs recomputed)" : "")}",
                () => ImageInspector.Inspect(bytes, ImageOptions, expected).Problems.Count > 0);
        }, _ => false);
    }

    /// <summary>The image-folder listfile (<c>path label</c> lines, as convert_imageset reads them), damaged as bytes and
    /// read by <see cref="ImageFolderReader"/> with the fixture tree as root: a bad line is a finding, never an exception.</summary>
    [Fact]
    public void Images_ListFile_ReadsWithFindingsOrRefuses()
    {
        using var temp = new TempDirectory();
        var generator = new MutationGenerator(File.ReadAllBytes(Fixtures.Path(Fixtures.Images.TrainList)), 18_700);
        var root = Fixtures.Path(Fixtures.Images.Tree);
        Run("image listfile").Run(200, i =>
        {
            var (bytes, description) = generator.Case(i);
            var path = temp.Combine("train.txt");
            File.WriteAllBytes(path, bytes);
            return new MutationCase($"{Fixtures.Images.TrainList}: {description}",
                () => Scan(path, ImageFolderFormat.FormatName, new ReaderOptions(Root: root)));
        }, IsUnreadable);
    }

    /// <summary>Where containers keep sizes: the first 64 bytes (PNG IHDR, GIF screen, BMP/WebP/TIFF headers), every PNG
    /// chunk's length, and every JPEG marker's segment length.</summary>
    private static IReadOnlyList<int> ImageHotOffsets(byte[] bytes)
    {
        var hot = Enumerable.Range(0, Math.Min(bytes.Length, 64)).ToList();
        foreach (var (offset, _) in PngChunks(bytes)) hot.Add(offset);
        for (var p = 0; p + 3 < bytes.Length; p++)
            if (bytes[p] == 0xFF && bytes[p + 1] is >= 0xC0 and <= 0xFE) hot.Add(p + 2);
        return hot;
    }

    /// <summary>The chunks of a PNG as (offset of its length field, data length); empty for anything else.</summary>
    private static List<(int Offset, int Length)> PngChunks(byte[] bytes)
    {
        var chunks = new List<(int, int)>();
        if (!bytes.AsSpan().StartsWith(DataScrub.Images.Structure.PngStructure.Signature)) return chunks;
        for (var p = 8; p + 12 <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(p));
            if (length > (uint)(bytes.Length - p - 12)) break;
            chunks.Add((p, (int)length));
            p += 12 + (int)length;
        }
        return chunks;
    }

    /// <summary>Recomputes each chunk CRC of the damaged bytes where the sound PNG had its chunks; false for other images.</summary>
    private static bool ResealPng(byte[] original, byte[] damaged)
    {
        var chunks = PngChunks(original);
        foreach (var (offset, length) in chunks)
        {
            if (offset + 12 + length > damaged.Length) continue;
            BinaryPrimitives.WriteUInt32BigEndian(damaged.AsSpan(offset + 8 + length), Crc32.HashToUInt32(damaged.AsSpan(offset + 4, 4 + length)));
        }
        return chunks.Count > 0;
    }
}
