using System.Buffers.Binary;

namespace DataScrub.Images.LibTiff;

/// <summary>
/// Tells, from the raw bytes, whether a TIFF header or directory (IFD) runs past the end of the file, which libtiff's
/// messages do not say: "Can not read TIFF directory count" reads the same for a cut file and a garbage offset. A cut
/// file is <c>Truncated</c>, not <c>Corrupt</c>, so the verdict needs the distinction. Classic TIFF and BigTIFF.
/// </summary>
internal static class TiffDirectoryBounds
{
    private static ReadOnlySpan<byte> LittleClassic => "II*\0"u8;
    private static ReadOnlySpan<byte> BigClassic => "MM\0*"u8;
    private static ReadOnlySpan<byte> LittleBigTiff => "II+\0"u8;
    private static ReadOnlySpan<byte> BigBigTiff => "MM\0+"u8;

    /// <summary>How the file ends inside its header or its first directory, or null when both are whole (or the
    /// bytes do not start like a TIFF at all).</summary>
    public static string? DescribeCutBeforeFirstDirectory(ReadOnlySpan<byte> data)
    {
        if (!StartsLikeTiff(data, out var bigTiff)) return null;
        var headerLength = bigTiff ? 16 : 8;
        if (data.Length < headerLength)
            return $"the file ends inside the TIFF header ({data.Length} of {headerLength} bytes)";
        var little = data[0] == (byte)'I';
        var first = bigTiff ? ReadUInt64(data[8..], little) : ReadUInt32(data[4..], little);
        return DescribeCutDirectory(data, first, 1);
    }

    /// <summary>How the directory of page <paramref name="page"/> at <paramref name="offset"/> runs past the end of
    /// the file, or null when it lies inside it.</summary>
    public static string? DescribeCutDirectory(ReadOnlySpan<byte> data, ulong offset, int page)
    {
        if (!StartsLikeTiff(data, out var bigTiff) || data.Length < (bigTiff ? 16 : 8)) return null;
        var little = data[0] == (byte)'I';
        var (countSize, entrySize, nextSize) = bigTiff ? (8UL, 20UL, 8UL) : (2UL, 12UL, 4UL);
        var length = (ulong)data.Length;
        if (offset >= length || countSize > length - offset)
            return $"page {page}: its directory starts at byte {offset}, past the end of the {length}-byte file";
        var count = bigTiff ? ReadUInt64(data[(int)offset..], little) : ReadUInt16(data[(int)offset..], little);
        var end = (UInt128)offset + countSize + (UInt128)count * entrySize + nextSize;
        return end > length
            ? $"page {page}: its directory ({count} entries) ends at byte {end}, past the end of the {length}-byte file"
            : null;
    }

    /// <summary>The offset of the directory after the one at <paramref name="offset"/> (0: none), or null when that
    /// directory is not whole inside the file.</summary>
    public static ulong? NextDirectoryOffset(ReadOnlySpan<byte> data, ulong offset)
    {
        if (!StartsLikeTiff(data, out var bigTiff) || DescribeCutDirectory(data, offset, 0) is not null) return null;
        var little = data[0] == (byte)'I';
        if (bigTiff)
        {
            var count = ReadUInt64(data[(int)offset..], little);
            return ReadUInt64(data[(int)(offset + 8 + count * 20)..], little);
        }
        var entries = ReadUInt16(data[(int)offset..], little);
        return ReadUInt32(data[(int)(offset + 2 + entries * 12UL)..], little);
    }

    private static bool StartsLikeTiff(ReadOnlySpan<byte> data, out bool bigTiff)
    {
        var magic = data[..Math.Min(4, data.Length)];
        bigTiff = LittleBigTiff.StartsWith(magic) || BigBigTiff.StartsWith(magic);
        if (data.Length < 4) bigTiff = false; // too short to tell: the classic header is the shorter claim
        return magic.Length > 0
            && (LittleClassic.StartsWith(magic) || BigClassic.StartsWith(magic) || LittleBigTiff.StartsWith(magic) || BigBigTiff.StartsWith(magic));
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(at) : BinaryPrimitives.ReadUInt16BigEndian(at);

    private static uint ReadUInt32(ReadOnlySpan<byte> at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(at) : BinaryPrimitives.ReadUInt32BigEndian(at);

    private static ulong ReadUInt64(ReadOnlySpan<byte> at, bool little) =>
        little ? BinaryPrimitives.ReadUInt64LittleEndian(at) : BinaryPrimitives.ReadUInt64BigEndian(at);
}
