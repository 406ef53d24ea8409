using System.Buffers.Binary;

namespace DataScrub.Formats.LevelDb;

/// <summary>The last 48 bytes of a table: metaindex and index handles, zero padding, the magic number.</summary>
internal readonly record struct TableFooter(BlockHandle MetaIndex, BlockHandle Index)
{
    public const int Size = 48;
    public const ulong Magic = 0xdb4775248b80fb57;

    public static bool TryDecode(ReadOnlySpan<byte> footer, out TableFooter result, out string? error)
    {
        result = default;
        error = null;
        if (footer.Length != Size) { error = $"footer is {footer.Length} bytes, not {Size}"; return false; }
        var magic = BinaryPrimitives.ReadUInt64LittleEndian(footer[40..]);
        if (magic != Magic) { error = $"bad table magic 0x{magic:x16}"; return false; }
        var p = 0;
        if (!BlockHandle.TryDecode(footer[..40], ref p, out var meta) || !BlockHandle.TryDecode(footer[..40], ref p, out var index))
        {
            error = "garbled block handles in the footer";
            return false;
        }
        result = new TableFooter(meta, index);
        return true;
    }

    public byte[] Encode()
    {
        var footer = new byte[Size];
        var n = MetaIndex.EncodeTo(footer);
        Index.EncodeTo(footer.AsSpan(n));
        BinaryPrimitives.WriteUInt64LittleEndian(footer.AsSpan(40), Magic);
        return footer;
    }
}
