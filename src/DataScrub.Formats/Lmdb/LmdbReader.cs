using DataScrub.Formats.Caffe;
using DataScrub.Formats.RecordStores;
using DataScrub.Samples;
using DataScrub.Sharding;
using LightningDB;

namespace DataScrub.Formats.Lmdb;

/// <summary>
/// Streams a Caffe LMDB in key order. Opens the environment with <c>MDB_RDONLY | MDB_NOLOCK</c>, so
/// nothing in the source directory is created or changed (no <c>lock.mdb</c>), which also lets it read
/// from read-only media. Values are handed out as views into LMDB's memory map (no copy); they stay
/// valid while the read transaction is open, i.e. until this reader is disposed.
/// </summary>
public sealed class LmdbReader : IDatasetReader
{
    private readonly LightningEnvironment _environment;
    private readonly LightningTransaction _transaction;
    private readonly LightningDatabase _database;
    private readonly KeyRangeUnits _units;
    private readonly KeyRange? _range;
    private readonly long _preflightBytes;
    private bool _read;

    /// <summary>Bytes handed out between two releases of the mapped pages read so far.</summary>
    internal long TrimInterval { get; set; } = MappedPageTrimmer.DefaultTrimInterval;

    /// <summary>How often mapped pages were released during <see cref="ReadSamples"/>.</summary>
    internal int Trims { get; private set; }

    private LmdbReader(string path, LightningEnvironment environment, LightningTransaction transaction, LightningDatabase database, long entries,
        Preflight preflight, ShardSpec? shard)
    {
        _environment = environment;
        _transaction = transaction;
        _database = database;
        _units = preflight.Units;
        _range = preflight.Range;
        _preflightBytes = preflight.Bytes;
        Info = LmdbFormat.Describe(path, entries) with { Units = preflight.Units.Count, Shard = shard };
    }

    /// <summary>Bytes of the data file this reader touched so far: the pages read to cut units and to validate the
    /// tree, plus the keys and values handed out (for the sharding benchmark; an inline value's page counts twice).</summary>
    internal long BytesTouched { get; private set; }

    public DatasetInfo Info { get; }

    /// <summary>Always empty: structural damage makes LMDB unreadable as a whole (see <see cref="LmdbTreeValidator"/>).</summary>
    public IReadOnlyList<DataScrub.Findings.Finding> StoreFindings { get; } = [];

    /// <summary>Opens the whole store (<paramref name="shard"/> null) or one shard of it: then only that shard's
    /// subtrees are validated, and <see cref="ReadSamples"/> yields only the keys of its units.</summary>
    /// <exception cref="DatasetUnreadableException">Not an LMDB 0.9 environment, LMDB refused it, or (for a shard) the
    /// B-tree pages it needs are damaged.</exception>
    public static LmdbReader Open(string path, ShardSpec? shard = null)
    {
        var dataFile = LmdbFormat.LocateDataFile(path)
            ?? throw new DatasetUnreadableException(path, Directory.Exists(path)
                ? $"no {LmdbFormat.DataFileName} in this directory, so it is not an LMDB environment"
                : "no such file or directory");
        var meta = LmdbFormat.ReadMeta(dataFile);
        if (meta is null)
            throw new DatasetUnreadableException(path, $"{dataFile} is too short to be an LMDB data file");
        if (meta.Magic != LmdbMetaPage.LmdbMagic)
            throw new DatasetUnreadableException(path, $"{dataFile} is not an LMDB data file (no LMDB magic at offset {LmdbMetaPage.MagicOffset})");
        if (meta.Version != LmdbMetaPage.Version09)
            throw new DatasetUnreadableException(path,
                $"{dataFile} has LMDB data version {meta.Version}, written by LMDB 1.x; Caffe and DataScrub read LMDB 0.9 (version {LmdbMetaPage.Version09}) databases");
        // The page size first: the length the file needs is counted in pages.
        if (LmdbTreeValidator.CheckPageSize(meta) is { } sizeError)
            throw new DatasetUnreadableException(path, $"{dataFile} is damaged: {sizeError}");
        var length = (ulong)new FileInfo(dataFile).Length;
        if (length < meta.RequiredFileLength)
            throw new DatasetUnreadableException(path,
                $"{dataFile} is truncated: {length} bytes, but its meta page (transaction {meta.TransactionId}) uses pages up to {meta.LastPage} of {meta.PageSize} bytes = {meta.RequiredFileLength} bytes; the copy is incomplete");

        var preflight = Check(path, dataFile, meta, shard);

        try
        {
            LmdbNativeLibrary.EnsureLoaded();
        }
        catch (DataScrubException e)
        {
            throw new DatasetUnreadableException(path, e.Message, e);
        }

        var isFile = !Directory.Exists(path);
        var flags = EnvironmentOpenFlags.ReadOnly | EnvironmentOpenFlags.NoLock | EnvironmentOpenFlags.NoThreadLocalStorage;
        if (isFile) flags |= EnvironmentOpenFlags.NoSubDir;
        LightningEnvironment? environment = null;
        LightningTransaction? transaction = null;
        try
        {
            environment = new LightningEnvironment(path);
            environment.Open(flags);
            transaction = environment.BeginTransaction(TransactionBeginFlags.ReadOnly);
            var database = transaction.OpenDatabase();
            var entries = transaction.GetEntriesCount(database);
            return new LmdbReader(path, environment, transaction, database, entries, preflight, shard);
        }
        catch (LightningException e)
        {
            transaction?.Dispose();
            environment?.Dispose();
            throw new DatasetUnreadableException(path, $"LMDB cannot open {dataFile}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Checks the tree before liblmdb may touch it and cuts it into units. The whole store: the full walk (as before
    /// sharding), then the units from the upper levels (already checked). A shard: the units first, from the upper
    /// levels, whose pages the splitter checks itself, then only the subtrees of the shard's key range, so that N
    /// shards together read the tree's pages about once.
    /// </summary>
    private static Preflight Check(string path, string dataFile, LmdbMetaPage meta, ShardSpec? shard)
    {
        using var file = File.OpenHandle(dataFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var pages = new LmdbPageReader(file, meta);
        if (shard is null)
        {
            if (LmdbTreeValidator.Validate(pages, KeyRange.All) is { } damage)
                throw new DatasetUnreadableException(path, $"{dataFile} is damaged: {damage}");
        }
        var units = LmdbUnitSplitter.Split(pages, out var splitError)
            ?? throw new DatasetUnreadableException(path, $"{dataFile} is damaged: {splitError}");
        var range = shard is { } spec ? units.RangeOf(spec) : KeyRange.All;
        if (shard is not null && range is not null && LmdbTreeValidator.Validate(pages, range) is { } shardDamage)
            throw new DatasetUnreadableException(path, $"{dataFile} is damaged: {shardDamage}");
        return new Preflight(units, range, pages.PagesRead * meta.PageSize);
    }

    /// <summary>What <see cref="Check"/> found: the units, the key range to read (null: the shard has no units) and
    /// the bytes of pages it read.</summary>
    private sealed record Preflight(KeyRangeUnits Units, KeyRange? Range, long Bytes);

    public IEnumerable<Sample> ReadSamples(CancellationToken cancellationToken)
    {
        if (_read) throw new InvalidOperationException("ReadSamples can be called once per reader");
        _read = true;
        BytesTouched = _preflightBytes;
        if (_range is null) yield break;
        using var cursor = _transaction.CreateCursor(_database);
        var trimmer = new MappedPageTrimmer(TrimInterval);
        var units = new KeyRangeUnits.Cursor(_units);
        long index = 0;
        var first = true;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (code, key, value) = first ? Start(cursor) : cursor.Next();
            first = false;
            Trims = trimmer.Trims;
            if (code == MDBResultCode.NotFound) yield break;
            if (code != MDBResultCode.Success)
                throw new DatasetUnreadableException(Info.Path,
                    $"LMDB stopped after {index} records ({code}): the store is damaged");
            if (!_range.IsBelowEnd(key.AsSpan())) yield break;
            BytesTouched += key.AsSpan().Length + value.AsSpan().Length;
            yield return ToSample(index++, units.UnitOf(key.AsSpan()), key, value, trimmer);
        }
    }

    /// <summary>The first record of the range: the store's first, or the first at or after the range's start.</summary>
    private (MDBResultCode, MDBValue, MDBValue) Start(LightningCursor cursor)
    {
        if (_range!.From is null) return cursor.Next();
        var code = cursor.SetRange(_range.From);
        return code == MDBResultCode.Success ? cursor.GetCurrent() : (code, default, default);
    }

    /// <summary>Views key and value inside the memory map: they do not move, so nothing is pinned or copied.</summary>
    private static unsafe Sample ToSample(long index, long unit, MDBValue key, MDBValue value, MappedPageTrimmer trimmer)
    {
        var keySpan = key.AsSpan();
        var valueSpan = value.AsSpan();
        fixed (byte* k = keySpan)
        fixed (byte* v = valueSpan)
        {
            trimmer.Touched(v, valueSpan.Length);
            return new Sample(index, new RecordBytes(k, keySpan.Length), new RecordBytes(v, valueSpan.Length), CaffeDatumDecoder.Instance) { Unit = unit };
        }
    }

    public void Dispose()
    {
        _database.Dispose();
        _transaction.Dispose();
        _environment.Dispose();
    }
}
