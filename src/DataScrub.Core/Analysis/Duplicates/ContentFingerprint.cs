using System.IO.Hashing;
using System.Runtime.InteropServices;
using DataScrub.Records;

namespace DataScrub.Analysis.Duplicates;

/// <summary>
/// A 128-bit XxHash of what a sample means to a trainer: its declared C/H/W, its label, and each decoded
/// field's values (so packed and unpacked float_data, or an explicit <c>encoded=false</c>, hash alike),
/// or the encoded image bytes. The first 64 bits place a sample, the other 64 confirm a match: the
/// readers have no random access to re-read the first occurrence, and a false match needs both to
/// collide (about 2^-128 per pair).
/// </summary>
public static class ContentFingerprint
{
    /// <returns>Null when the sample has no input data to compare (only a label: an HDF5 row whose data
    /// dataset could not be read), so that such rows are never called duplicates of each other.</returns>
    public static UInt128? Of(SampleContent content, ReadOnlySpan<byte> record)
    {
        var hasData = content.IsEncodedImage;
        for (var i = 0; i < content.FieldCount && !hasData; i++) hasData = !content.GetField(i, record).IsLabel;
        if (!hasData) return null;

        // One-shot hashes chained through the seed (no per-sample hasher object): each part's hash seeds the next.
        Span<long> header = stackalloc long[5];
        var shape = content.DeclaredShape;
        header[0] = shape?.Channels ?? -1;
        header[1] = shape?.Height ?? -1;
        header[2] = shape?.Width ?? -1;
        header[3] = content.Label ?? long.MinValue;
        header[4] = content.RawLabel is { } raw ? BitConverter.DoubleToInt64Bits(raw) : long.MinValue;
        var hash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(header));
        Span<long> part = stackalloc long[3];
        for (var i = 0; i < content.FieldCount; i++)
        {
            var field = content.GetField(i, record);
            part[0] = (long)field.ElementType;
            part[1] = field.IsLabel ? 1 : 0;
            part[2] = field.Bytes.Length;
            hash = Chain(hash, MemoryMarshal.AsBytes(part));
            hash = Chain(hash, field.Bytes);
        }
        if (content.IsEncodedImage)
        {
            part[0] = -2;
            part[1] = 0;
            part[2] = content.EncodedImageLength;
            hash = Chain(hash, MemoryMarshal.AsBytes(part));
            hash = Chain(hash, content.GetEncodedImage(record));
        }
        return hash;
    }

    private static UInt128 Chain(UInt128 previous, ReadOnlySpan<byte> bytes) =>
        XxHash128.HashToUInt128(bytes, (long)(ulong)previous) ^ (previous >> 64);
}
