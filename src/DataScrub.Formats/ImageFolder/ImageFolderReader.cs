using System.Text;
using DataScrub.Checks.Images;
using DataScrub.Findings;
using DataScrub.Formats.Buffers;
using DataScrub.Formats.Caffe;
using DataScrub.Records;
using DataScrub.Samples;

namespace DataScrub.Formats.ImageFolder;

/// <summary>
/// Streams the images of a folder or listfile: the reader thread reads each file into a pooled buffer,
/// the workers decode and check it (on all cores). A missing or unreadable file named by a listfile is a
/// finding; nothing in the folder is changed.
/// </summary>
public sealed class ImageFolderReader : IDatasetReader
{
    private readonly ImageFolderLayout.Listing _listing;
    private readonly List<Finding> _findings;
    private readonly Dictionary<(ImageContainer, long?), ImageFileDecoder> _decoders = new();
    private bool _read;

    private ImageFolderReader(string path, ImageFolderLayout.Listing listing)
    {
        _listing = listing;
        _findings = [.. listing.Findings];
        // Expected: every image the listing names, including listfile lines that give no usable file (those
        // are findings, not samples), so that samples < expectedSamples shows what could not be read.
        Info = new DatasetInfo(path, ImageFolderFormat.FormatName, listing.Entries.Count + listing.Findings.Count, listing.Classes);
    }

    public DatasetInfo Info { get; }

    /// <summary>Every sample carries its own decoder (expected format and label); this one is never used.</summary>
    public IRecordDecoder Decoder { get; } = new CaffeDatumDecoder();

    public IReadOnlyList<Finding> StoreFindings => _findings;

    /// <exception cref="DatasetUnreadableException">No such path, or no images in it.</exception>
    public static ImageFolderReader Open(string path, string? root)
    {
        if (Directory.Exists(path))
        {
            var listing = ImageFolderLayout.FromDirectory(path);
            if (listing.Entries.Count == 0) throw new DatasetUnreadableException(path, "no image files in this directory");
            return new ImageFolderReader(path, listing);
        }
        if (ImageFolderLayout.IsListFile(path)) return new ImageFolderReader(path, ImageFolderLayout.FromListFile(path, root));
        throw new DatasetUnreadableException(path, File.Exists(path)
            ? "not an image folder or a listfile of 'path label' lines"
            : "no such file or directory");
    }

    public IEnumerable<Sample> ReadSamples(CancellationToken cancellationToken)
    {
        if (_read) throw new InvalidOperationException("ReadSamples can be called once per reader");
        _read = true;
        long index = 0;
        foreach (var entry in _listing.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var buffer = ReadFile(entry);
            if (buffer is null) continue;
            var container = ImageContainers.FromExtension(Path.GetExtension(entry.Path!)) ?? ImageContainer.Unknown;
            if (!_decoders.TryGetValue((container, entry.Label), out var decoder))
                _decoders[(container, entry.Label)] = decoder = new ImageFileDecoder(container, entry.Label);
            yield return new Sample(index++, new RecordBytes(Encoding.UTF8.GetBytes(entry.Id)), new RecordBytes(buffer.Bytes, 0, buffer.Length), buffer, decoder);
        }
    }

    private PooledBuffer? ReadFile(ImageFolderEntry entry)
    {
        try
        {
            using var handle = File.OpenHandle(entry.Path!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var length = RandomAccess.GetLength(handle);
            if (length > int.MaxValue) throw new IOException($"{length} bytes is larger than DataScrub reads for one image");
            var buffer = PooledBuffer.Rent((int)length);
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(handle, buffer.Bytes.AsSpan(read, (int)length - read), read);
                if (n == 0) break;
                read += n;
            }
            buffer.Length = read;
            return buffer;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _findings.Add(new Finding(FindingKinds.MissingFile, null, entry.Id, null, null, null, $"{entry.Id} cannot be read: {e.Message}"));
            return null;
        }
    }

    public void Dispose() { }
}
