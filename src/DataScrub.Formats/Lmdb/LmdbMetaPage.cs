using System.Buffers.Binary;

namespace DataScrub.Formats.Lmdb;

/// <summary>
/// The two meta pages at the start of an LMDB 0.9 data file (64-bit layout), read without liblmdb so
/// that DataScrub can refuse files that LMDB itself would crash on: LMDB maps the file and trusts it,
/// so a truncated <c>data.mdb</c> (an interrupted copy) kills the process with SIGBUS when a page
/// past the end is touched.
/// </summary>
/// <param name="Magic">mm_magic, 0xBEEFC0DE for LMDB.</param>
/// <param name="Version">mm_version: 1 for LMDB 0.9, higher for LMDB 1.x.</param>
/// <param name="PageSize">mm_psize (kept in the free-DB record's md_pad).</param>
/// <param name="LastPage">mm_last_pg of the newer meta page: the last page in use.</param>
/// <param name="TransactionId">mm_txnid of the newer meta page.</param>
/// <param name="MainDatabase">The unnamed main database record (mm_dbs[MAIN_DBI]) of the newer meta page.</param>
internal sealed record LmdbMetaPage(uint Magic, uint Version, uint PageSize, ulong LastPage, ulong TransactionId, LmdbDatabaseRecord MainDatabase)
{
    public const uint LmdbMagic = 0xBEEFC0DE;

    /// <summary>MDB_DATA_VERSION of LMDB 0.9, the version Caffe and py-lmdb write.</summary>
    public const uint Version09 = 1;

    /// <summary>The page header (pgno, pad, flags, lower/upper) precedes MDB_meta.</summary>
    public const int PageHeaderSize = 16;

    public const int MagicOffset = PageHeaderSize;
    public const int VersionOffset = PageHeaderSize + 4;

    // MDB_meta: magic u32, version u32, address ptr, mapsize size_t, dbs[2] (48 bytes each), last_pg, txnid.
    private const int PageSizeOffset = PageHeaderSize + 24;
    private const int MainDatabaseOffset = PageHeaderSize + 24 + LmdbDatabaseRecord.Size;
    private const int LastPageOffset = PageHeaderSize + 120;
    private const int TransactionOffset = PageHeaderSize + 128;
    private const int MetaSize = PageHeaderSize + 136;

    /// <summary>Meta page 0's page size, when meta page 1 is the newer one and declares another: liblmdb then takes meta
    /// page 1's (mdb_env_read_header copies the newer meta whole, and mdb_env_open2 maps pages of its mm_psize), and
    /// finds its second meta page at that offset, not where it read it. No LMDB writes two page sizes.</summary>
    public uint? OlderPageSize { get; init; }

    /// <summary>mt_next_pgno of a read transaction: LMDB refuses page numbers at or above it.</summary>
    public ulong PageCount => LastPage + 1;

    /// <summary>Bytes the file must have for every page in use to exist.</summary>
    /// <remarks>Saturates rather than wraps: a damaged last page of 2^60 times 4096 bytes wrapped to a small length
    /// that the file passed (found by AFL++: fuzz/regressions/lmdb).</remarks>
    public ulong RequiredFileLength => PageSize == 0 || PageCount <= ulong.MaxValue / PageSize ? PageCount * PageSize : ulong.MaxValue;

    /// <summary>Reads the meta pages; null when the file is too short to hold even the first one.</summary>
    public static LmdbMetaPage? Read(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Span<byte> first = stackalloc byte[MetaSize];
        if (stream.ReadAtLeast(first, MetaSize, throwOnEndOfStream: false) < MetaSize) return null;
        var page0 = Parse(first);
        if (page0.Magic != LmdbMagic || page0.Version != Version09 || page0.PageSize is < 512 or > 65536) return page0;

        Span<byte> second = stackalloc byte[MetaSize];
        stream.Position = page0.PageSize;
        if (stream.ReadAtLeast(second, MetaSize, throwOnEndOfStream: false) < MetaSize) return page0;
        var page1 = Parse(second);
        // LMDB alternates commits between the two meta pages; the newer transaction is current.
        // Its page size too, as liblmdb takes it. (Keeping page 0's here let a meta page 1 whose size a flipped bit made
        // 4224 pass the checks while liblmdb read every page at the wrong offset and died with SIGBUS: found by AFL++,
        // fuzz/regressions/lmdb.)
        if (page1.Magic != LmdbMagic || page1.TransactionId <= page0.TransactionId) return page0;
        return page1.PageSize == page0.PageSize ? page1 : page1 with { OlderPageSize = page0.PageSize };
    }

    private static LmdbMetaPage Parse(ReadOnlySpan<byte> page) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(page[MagicOffset..]),
        BinaryPrimitives.ReadUInt32LittleEndian(page[VersionOffset..]),
        BinaryPrimitives.ReadUInt32LittleEndian(page[PageSizeOffset..]),
        BinaryPrimitives.ReadUInt64LittleEndian(page[LastPageOffset..]),
        BinaryPrimitives.ReadUInt64LittleEndian(page[TransactionOffset..]),
        LmdbDatabaseRecord.Parse(page[MainDatabaseOffset..]));
}
