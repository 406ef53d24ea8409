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
        var hash = new XxHash128();
        Span<long> header = stackalloc long[5];
        var shape = content.DeclaredShape;
        header[0] = shape?.Channels ?? -1;
        header[1] = shape?.Height ?? -1;
        header[2] = shape?.Width ?? -1;
        header[3] = content.Label ?? long.MinValue;
        header[4] = content.RawLabel is { } raw ? BitConverter.DoubleToInt64Bits(raw) : long.MinValue;
        hash.Append(MemoryMarshal.AsBytes(header));
        for (var i = 0; i < content.FieldCount; i++)
        {
            var field = content.GetField(i, record);
            Span<long> fieldHeader = [(long)field.ElementType, field.IsLabel ? 1 : 0, field.Bytes.Length];
            hash.Append(MemoryMarshal.AsBytes(fieldHeader));
            hash.Append(field.Bytes);
        }
        if (content.IsEncodedImage)
        {
            Span<long> imageHeader = [-2, content.EncodedImageLength];
            hash.Append(MemoryMarshal.AsBytes(imageHeader));
            hash.Append(content.GetEncodedImage(record));
        }
        return hash.GetCurrentHashAsUInt128();
    }
}
