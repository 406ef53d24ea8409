namespace DataScrub.Formats.LevelDb;

/// <summary>Where a block lies in a table file: offset and size, the size excluding the 5-byte trailer.</summary>
internal readonly record struct BlockHandle(ulong Offset, ulong Size)
{
    /// <summary>Type byte + masked CRC-32C after every block.</summary>
    public const int TrailerSize = 5;

    public const int MaxEncodedLength = 20;

    public static bool TryDecode(ReadOnlySpan<byte> input, ref int position, out BlockHandle handle)
    {
        handle = default;
        if (!LevelDbCoding.TryReadVarint64(input, ref position, out var offset)) return false;
        if (!LevelDbCoding.TryReadVarint64(input, ref position, out var size)) return false;
        handle = new BlockHandle(offset, size);
        return true;
    }

    public int EncodeTo(Span<byte> destination)
    {
        var n = LevelDbCoding.EncodeVarint64(destination, Offset);
        return n + LevelDbCoding.EncodeVarint64(destination[n..], Size);
    }
}
