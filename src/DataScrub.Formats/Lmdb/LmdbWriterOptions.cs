namespace DataScrub.Formats.Lmdb;

/// <summary>How <see cref="LmdbWriter"/> batches records into transactions and sizes LMDB's memory map.
/// Defaults follow Caffe's <c>convert_imageset</c>, which commits every 1000 records.</summary>
public sealed record LmdbWriterOptions
{
    /// <summary>LMDB 0.9 refuses a write transaction that dirties more than 131071 pages (MDB_TXN_FULL,
    /// ~512 MiB of 4 KiB pages including branch pages); half of that leaves room for the tree's own pages.</summary>
    public const long MaxBytesPerTransaction = 256L * 1024 * 1024;

    /// <summary>A transaction is committed after this many records.</summary>
    public int RecordsPerTransaction { get; init; } = 1000;

    /// <summary>...or once its keys and values add up to this many bytes. The writer keeps a copy of the
    /// current transaction's records (to replay them after growing the map), so this also bounds its memory.</summary>
    public long BytesPerTransaction { get; init; } = 64L * 1024 * 1024;

    /// <summary>The memory map LMDB starts with; it is doubled whenever it is full. The map is address
    /// space, not disk: <c>data.mdb</c> only grows by what is written. Passing an estimate of the data
    /// size (e.g. the source's size) only saves the few regrowths.</summary>
    public long InitialMapSize { get; init; } = 1L * 1024 * 1024 * 1024;

    /// <summary>True (default): keys arrive strictly increasing and are appended (MDB_APPEND: fast, compact).
    /// False: any order, each key at most once (a shuffle buffer).</summary>
    public bool KeysInOrder { get; init; } = true;

    internal void Validate()
    {
        if (RecordsPerTransaction < 1)
            throw new ArgumentOutOfRangeException(nameof(RecordsPerTransaction), RecordsPerTransaction, "must be at least 1");
        if (BytesPerTransaction is < 1 or > MaxBytesPerTransaction)
            throw new ArgumentOutOfRangeException(nameof(BytesPerTransaction), BytesPerTransaction, $"must be between 1 and {MaxBytesPerTransaction} (LMDB's dirty-page limit per transaction)");
        if (InitialMapSize < 1)
            throw new ArgumentOutOfRangeException(nameof(InitialMapSize), InitialMapSize, "must be positive");
    }
}
