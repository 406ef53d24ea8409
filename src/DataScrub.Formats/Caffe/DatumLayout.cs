namespace DataScrub.Formats.Caffe;

/// <summary>
/// Where the fields of one serialized Datum are, without copying them: the fast path of
/// <see cref="CaffeDatumDecoder"/>. Produced by <see cref="DatumLayout.TryRead"/>, which accepts only the
/// plain, well-formed shape that Caffe and every protobuf writer emit (fields 1-7 with their declared wire
/// types); anything else is left to the generated Google.Protobuf parser, so odd records get exactly the
/// library's semantics.
/// </summary>
internal readonly ref struct DatumLayout
{
    public int Channels { get; init; }
    public int Height { get; init; }
    public int Width { get; init; }
    public int? Label { get; init; }
    public bool Encoded { get; init; }

    /// <summary>Offset and length of the last <c>data</c> field (proto2: the last occurrence wins), -1 if absent.</summary>
    public int DataOffset { get; init; }
    public int DataLength { get; init; }

    /// <summary>Number of <c>float_data</c> values over all occurrences, packed or not.</summary>
    public int FloatCount { get; init; }

    private const byte TagChannels = 1 << 3 | 0, TagHeight = 2 << 3 | 0, TagWidth = 3 << 3 | 0;
    private const byte TagData = 4 << 3 | 2, TagLabel = 5 << 3 | 0;
    private const byte TagFloat = 6 << 3 | 5, TagFloatPacked = 6 << 3 | 2, TagEncoded = 7 << 3 | 0;

    /// <summary>Reads the layout, or returns false when the record is not of the plain shape (unknown
    /// fields, other wire types, truncation, malformed varints): the caller then uses the library parser.</summary>
    public static bool TryRead(ReadOnlySpan<byte> record, out DatumLayout layout)
    {
        layout = default;
        int channels = 0, height = 0, width = 0, floatCount = 0, dataOffset = -1, dataLength = 0;
        int? label = null;
        var encoded = false;
        var p = 0;
        while (p < record.Length)
        {
            var tag = record[p++];
            switch (tag)
            {
                case TagChannels or TagHeight or TagWidth or TagLabel or TagEncoded:
                    if (!TryReadVarint(record, ref p, out var v)) return false;
                    switch (tag)
                    {
                        case TagChannels: channels = (int)v; break;
                        case TagHeight: height = (int)v; break;
                        case TagWidth: width = (int)v; break;
                        case TagLabel: label = (int)v; break;
                        default: encoded = v != 0; break;
                    }
                    break;
                case TagData:
                    if (!TryReadLength(record, ref p, out var length)) return false;
                    dataOffset = p;
                    dataLength = length;
                    p += length;
                    break;
                case TagFloat:
                    if (record.Length - p < 4) return false;
                    p += 4;
                    floatCount++;
                    break;
                case TagFloatPacked:
                    if (!TryReadLength(record, ref p, out var bytes) || bytes % 4 != 0) return false;
                    p += bytes;
                    floatCount += bytes / 4;
                    break;
                default:
                    return false;
            }
        }
        layout = new DatumLayout
        {
            Channels = channels, Height = height, Width = width, Label = label, Encoded = encoded,
            DataOffset = dataOffset, DataLength = dataLength, FloatCount = floatCount,
        };
        return true;
    }

    /// <summary>Copies every <c>float_data</c> value, in order, into <paramref name="destination"/>
    /// (exactly <see cref="FloatCount"/> long). Only valid on a record <see cref="TryRead"/> accepted.</summary>
    public static void CopyFloats(ReadOnlySpan<byte> record, Span<float> destination)
    {
        var written = 0;
        var p = 0;
        while (p < record.Length)
        {
            var tag = record[p++];
            switch (tag)
            {
                case TagData:
                    TryReadLength(record, ref p, out var length);
                    p += length;
                    break;
                case TagFloat:
                    destination[written++] = BitConverter.ToSingle(record.Slice(p, 4));
                    p += 4;
                    break;
                case TagFloatPacked:
                    TryReadLength(record, ref p, out var bytes);
                    System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(record.Slice(p, bytes)).CopyTo(destination[written..]);
                    written += bytes / 4;
                    p += bytes;
                    break;
                default:
                    TryReadVarint(record, ref p, out _);
                    break;
            }
        }
    }

    private static bool TryReadLength(ReadOnlySpan<byte> record, ref int p, out int length)
    {
        length = 0;
        if (!TryReadVarint(record, ref p, out var v) || v > (ulong)(record.Length - p)) return false;
        length = (int)v;
        return true;
    }

    /// <summary>A base-128 varint of at most 10 bytes, as protobuf reads it.</summary>
    private static bool TryReadVarint(ReadOnlySpan<byte> record, ref int p, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 70 && p < record.Length; shift += 7)
        {
            var b = record[p++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return true;
        }
        return false;
    }
}
