using System.Buffers.Binary;

namespace DataScrub.Formats.LevelDb;

/// <summary>LevelDB's integer encodings: little-endian fixed32/fixed64 and base-128 varints.</summary>
internal static class LevelDbCoding
{
    /// <summary>Reads a varint of at most <paramref name="maxBytes"/> bytes at <paramref name="position"/>.</summary>
    /// <returns>False when the input ends inside the varint or it is too long.</returns>
    public static bool TryReadVarint64(ReadOnlySpan<byte> input, ref int position, out ulong value, int maxBytes = 10)
    {
        value = 0;
        var p = position;
        for (var i = 0; i < maxBytes && p < input.Length; i++)
        {
            var b = input[p++];
            value |= (ulong)(b & 0x7f) << (7 * i);
            if (b < 0x80)
            {
                position = p;
                return true;
            }
        }
        return false;
    }

    public static bool TryReadVarint32(ReadOnlySpan<byte> input, ref int position, out uint value)
    {
        var ok = TryReadVarint64(input, ref position, out var v, maxBytes: 5);
        value = (uint)v;
        return ok && v <= uint.MaxValue;
    }

    /// <summary>A varint32 length followed by that many bytes.</summary>
    public static bool TryReadLengthPrefixed(ReadOnlySpan<byte> input, ref int position, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        var p = position;
        if (!TryReadVarint32(input, ref p, out var length) || length > (uint)(input.Length - p)) return false;
        bytes = input.Slice(p, (int)length);
        position = p + (int)length;
        return true;
    }

    public static void WriteVarint64(Stream output, ulong value)
    {
        Span<byte> buffer = stackalloc byte[10];
        output.Write(buffer[..EncodeVarint64(buffer, value)]);
    }

    public static int EncodeVarint64(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[i++] = (byte)value;
        return i;
    }

    public static void WriteLengthPrefixed(Stream output, ReadOnlySpan<byte> bytes)
    {
        WriteVarint64(output, (ulong)bytes.Length);
        output.Write(bytes);
    }

    public static void WriteFixed32(Stream output, uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        output.Write(buffer);
    }

    public static void WriteFixed64(Stream output, ulong value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
        output.Write(buffer);
    }
}
