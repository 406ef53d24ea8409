using System.Text;
using DataScrub.Findings;
using DataScrub.Formats.Buffers;
using DataScrub.Records;
using DataScrub.Samples;
using DataScrub.Sharding;

namespace DataScrub.Formats.ImageFolder;

/// <summary>
/// Streams the images of a folder or listfile: the reader thread reads each file into a pooled buffer,
/// the workers decode and check it (on all cores). A missing or unreadable file named by a listfile is a
/// finding; nothing in the folder is changed. The listing (listfile lines, or the sorted paths of a folder) is cut into
/// units of <see cref="ImageFolderUnits.ImagesPerUnit"/> images; a shard lists the whole dataset, which is cheap next
/// to reading images, and reads only its units' files.
/// </summary>
public sealed class ImageFolderReader : IDatasetReader
{
    private readonly ImageFolderLayout.Listing _listing;
    private readonly List<Finding> _findings;
    private readonly string? _maskRoot;
    private readonly ImageFolderUnits _units;
    private readonly ShardSpec _shard;
    private bool _read;

    /// <summary>Mask extensions tried in order when looking for an image's mask.</summary>
    private static readonly string[] MaskExtensions = [".png", ".PNG", ".bmp", ".gif", ".tif", ".tiff", ".pgm", ".ppm", ".jpg", ".jpeg"];

    private ImageFolderReader(string path, ImageFolderLayout.Listing listing, string? maskRoot, ShardSpec? shard)
    {
        _listing = listing;
        _maskRoot = maskRoot is null ? null : Path.GetFullPath(maskRoot);
        _units = new ImageFolderUnits(listing.Entries.Count);
        _shard = shard ?? new ShardSpec(0, 1);
        // The listing's own findings (listfile lines naming no usable image) come before every finding made while reading:
        // they are about the listfile as a whole, so only shard 0 reports them, and the shards' findings concatenated in
        // shard order are one scan's.
        _findings = _shard.Index == 0 ? [.. listing.Findings] : [];
        // Expected: every image the listing names, including listfile lines that give no usable file (those
        // are findings, not samples), so that samples < expectedSamples shows what could not be read.
        // Sample ids are the images' relative paths: the folder holding each is its file in the report's profile.
        Info = new DatasetInfo(path, ImageFolderFormat.FormatName, listing.Entries.Count + listing.Findings.Count, listing.Classes)
        {
            SampleFiles = SampleFileNaming.FolderOfPath,
            Units = _units.Units,
            Shard = shard,
        };
    }

    public DatasetInfo Info { get; }

    public IReadOnlyList<Finding> StoreFindings => _findings;

    /// <summary>Bytes of image and mask files read so far (for benchmarks of sharded scans).</summary>
    public long BytesRead { get; private set; }

    /// <exception cref="DatasetUnreadableException">No such path, or no images in it.</exception>
    /// <exception cref="MaskFolderMissingException">No such mask folder.</exception>
    /// <param name="maskRoot">A folder of segmentation masks at the images' relative paths, or null.</param>
    /// <param name="shard">Read only this shard's units; null: every image.</param>
    public static ImageFolderReader Open(string path, string? root, string? maskRoot = null, ShardSpec? shard = null)
    {
        if (maskRoot is not null && !Directory.Exists(maskRoot))
            throw new MaskFolderMissingException(maskRoot);
        if (Directory.Exists(path))
        {
            var listing = ImageFolderLayout.FromDirectory(path);
            if (listing.Entries.Count == 0) throw new DatasetUnreadableException(path, "no image files in this directory");
            return new ImageFolderReader(path, listing, maskRoot, shard);
        }
        if (ImageFolderLayout.IsListFile(path)) return new ImageFolderReader(path, ImageFolderLayout.FromListFile(path, root), maskRoot, shard);
        throw new DatasetUnreadableException(path, File.Exists(path)
            ? "not an image folder or a listfile of 'path label' lines"
            : "no such file or directory");
    }

    public IEnumerable<Sample> ReadSamples(CancellationToken cancellationToken)
    {
        if (_read) throw new InvalidOperationException("ReadSamples can be called once per reader");
        _read = true;
        long index = 0;
        var (first, end) = _units.EntriesOf(_shard);
        for (var position = first; position < end; position++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = _listing.Entries[position];
            var mask = _maskRoot is null ? null : FindMask(entry);
            if (ReadFiles(entry, mask) is not var (buffer, imageLength)) continue;
            yield return new Sample(index++, new RecordBytes(Encoding.UTF8.GetBytes(entry.Id)), new RecordBytes(buffer.Bytes, 0, imageLength),
                ImageFileDecoder.Instance, buffer)
            {
                Label = entry.Label,
                ExpectedContainer = ImageContainers.FromExtension(Path.GetExtension(entry.Path!)) ?? ImageContainer.Unknown,
                Mask = mask is null ? null : new RecordBytes(buffer.Bytes, imageLength, buffer.Length - imageLength),
                Unit = _units.UnitOf(position),
            };
        }
    }

    /// <summary>The image's mask: the same relative path under the mask folder, with a mask extension; null
    /// (and a <c>missing-file</c> finding for the mask) when there is none.</summary>
    private string? FindMask(ImageFolderEntry entry)
    {
        var relative = Path.ChangeExtension(entry.Id, null);
        var stem = Path.GetFullPath(Path.Combine(_maskRoot!, relative));
        if (stem.StartsWith(_maskRoot! + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            foreach (var extension in MaskExtensions)
                if (File.Exists(stem + extension)) return stem + extension;
        _findings.Add(new Finding(FindingKinds.MissingFile, null, entry.Id, "mask", null, null,
            $"no mask for {entry.Id} under {_maskRoot} ({relative}.png or another image extension)"));
        return null;
    }

    /// <summary>The image's bytes, then (with a mask) the mask's bytes, in one pooled buffer: one read of each file and
    /// one lease, and the sample views the image and the mask as two slices of it.</summary>
    /// <returns>The buffer and how many of its bytes are the image's (the rest are the mask's); null when a file
    /// cannot be read (a finding).</returns>
    private (PooledBuffer Buffer, int ImageLength)? ReadFiles(ImageFolderEntry entry, string? mask)
    {
        PooledBuffer? buffer = null;
        try
        {
            using var image = File.OpenHandle(entry.Path!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var maskHandle = mask is null ? null : File.OpenHandle(mask, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var imageLength = RandomAccess.GetLength(image);
            var maskLength = maskHandle is null ? 0 : RandomAccess.GetLength(maskHandle);
            var total = imageLength + maskLength;
            if (total > int.MaxValue) throw new IOException($"{total} bytes is larger than DataScrub reads for one image");
            buffer = PooledBuffer.Rent((int)total);
            // A file that shrank while being read keeps its short length: the image checks report it.
            var read = ReadAll(image, buffer.Bytes.AsSpan(0, (int)imageLength));
            var maskRead = maskHandle is null ? 0 : ReadAll(maskHandle, buffer.Bytes.AsSpan(read, (int)maskLength));
            buffer.Length = read + maskRead;
            BytesRead += buffer.Length;
            return (buffer, read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            buffer?.Release();
            _findings.Add(new Finding(FindingKinds.MissingFile, null, entry.Id, null, null, null, $"{entry.Id} cannot be read: {e.Message}"));
            return null;
        }
    }

    private static int ReadAll(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> target)
    {
        var read = 0;
        while (read < target.Length)
        {
            var n = RandomAccess.Read(handle, target[read..], read);
            if (n == 0) break;
            read += n;
        }
        return read;
    }

    public void Dispose() { }
}
