using System.Buffers.Binary;

namespace DataScrub.Formats.Lmdb;

/// <summary>MDB_db (48 bytes): a database's B-tree root and statistics, as stored in the meta page.</summary>
internal readonly record struct LmdbDatabaseRecord(ushort Flags, ushort Depth, ulong Entries, ulong Root)
{
    public const int Size = 48;

    /// <summary>P_INVALID: the root of an empty database.</summary>
    public const ulong NoRoot = ulong.MaxValue;

    /// <summary>MDB_DUPSORT: several values per key, stored in sub-pages/sub-databases.</summary>
    public const ushort DupSort = 0x04;

    // md_pad u32, md_flags u16, md_depth u16, md_branch_pages, md_leaf_pages, md_overflow_pages, md_entries, md_root.
    public static LmdbDatabaseRecord Parse(ReadOnlySpan<byte> record) => new(
        BinaryPrimitives.ReadUInt16LittleEndian(record[4..]),
        BinaryPrimitives.ReadUInt16LittleEndian(record[6..]),
        BinaryPrimitives.ReadUInt64LittleEndian(record[32..]),
        BinaryPrimitives.ReadUInt64LittleEndian(record[40..]));
}
