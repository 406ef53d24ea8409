using DataScrub.Samples;

namespace DataScrub.Formats.Lmdb;

/// <summary>Caffe LMDB datasets: an environment directory with <c>data.mdb</c>, or that file itself.</summary>
public sealed class LmdbFormat : IDatasetFormat
{
    public const string FormatName = "lmdb";
    public const string DataFileName = "data.mdb";

    public string Name => FormatName;

    public bool IsMatch(string path) => LocateDataFile(path) is { } file && ReadMeta(file) is { Magic: LmdbMetaPage.LmdbMagic };

    public IDatasetReader OpenReader(string path, ReaderOptions options) => LmdbReader.Open(path, options.Shard);

    public DataScrub.Rebuild.IDatasetRebuilder Rebuilder { get; } = new RecordStores.RecordStoreRebuilder(FormatName, (directory, bytes) => LmdbWriter.Create(directory, WriterOptionsFor(bytes)));

    /// <summary>A map big enough for <paramref name="recordBytes"/> from the start (values over ~2 KiB take
    /// whole overflow pages: ~1.3x), so a rebuild does not grow and replay it on the way.</summary>
    internal static LmdbWriterOptions WriterOptionsFor(long recordBytes) =>
        new() { InitialMapSize = Math.Max(64L << 20, recordBytes / 2 * 3 + (64L << 20)) };

    /// <summary>The data file for a directory or file path, or null when there is none.</summary>
    internal static string? LocateDataFile(string path)
    {
        if (Directory.Exists(path))
        {
            var file = Path.Combine(path, DataFileName);
            return File.Exists(file) ? file : null;
        }
        return File.Exists(path) ? path : null;
    }

    /// <summary>The meta page, or null when the file is too short or cannot be read.</summary>
    internal static LmdbMetaPage? ReadMeta(string file)
    {
        try
        {
            return LmdbMetaPage.Read(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static DatasetInfo Describe(string path, long entries) => new(path, FormatName, entries);
}
