using System.Buffers.Binary;
using DataScrub.Samples;

namespace DataScrub.Formats.Lmdb;

/// <summary>Caffe LMDB datasets: an environment directory with <c>data.mdb</c>, or that file itself.</summary>
public sealed class LmdbFormat : IDatasetFormat
{
    public const string FormatName = "lmdb";
    public const string DataFileName = "data.mdb";

    /// <summary>MDB_meta.mm_magic, right after the 16-byte page header of meta page 0.</summary>
    internal const uint Magic = 0xBEEFC0DE;
    internal const int MagicOffset = 16;
    internal const int VersionOffset = 20;

    /// <summary>MDB_DATA_VERSION of LMDB 0.9, the version Caffe and py-lmdb write.</summary>
    internal const uint DataVersion09 = 1;

    public string Name => FormatName;

    public bool IsMatch(string path) => LocateDataFile(path) is { } file && ReadHeader(file) is { Magic: Magic };

    public IDatasetReader OpenReader(string path) => LmdbReader.Open(path);

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

    internal static (uint Magic, uint Version)? ReadHeader(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            Span<byte> header = stackalloc byte[VersionOffset + 4];
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length) return null;
            return (BinaryPrimitives.ReadUInt32LittleEndian(header[MagicOffset..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(header[VersionOffset..]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static DatasetInfo Describe(string path, long entries) => new(path, FormatName, entries);
}
