using DataScrub.Formats.Caffe;
using DataScrub.Samples;
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
    private bool _read;

    /// <summary>Bytes handed out between two releases of the mapped pages read so far.</summary>
    internal long TrimInterval { get; set; } = MappedPageTrimmer.DefaultTrimInterval;

    /// <summary>How often mapped pages were released during <see cref="ReadSamples"/>.</summary>
    internal int Trims { get; private set; }

    private LmdbReader(string path, LightningEnvironment environment, LightningTransaction transaction, LightningDatabase database, long entries)
    {
        _environment = environment;
        _transaction = transaction;
        _database = database;
        Info = LmdbFormat.Describe(path, entries);
    }

    public DatasetInfo Info { get; }

    /// <summary>Always empty: structural damage makes LMDB unreadable as a whole (see <see cref="LmdbTreeValidator"/>).</summary>
    public IReadOnlyList<DataScrub.Findings.Finding> StoreFindings { get; } = [];

    /// <exception cref="DatasetUnreadableException">Not an LMDB 0.9 environment, or LMDB refused it.</exception>
    public static LmdbReader Open(string path)
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
        var length = (ulong)new FileInfo(dataFile).Length;
        if (length < meta.RequiredFileLength)
            throw new DatasetUnreadableException(path,
                $"{dataFile} is truncated: {length} bytes, but its meta page (transaction {meta.TransactionId}) uses pages up to {meta.LastPage} of {meta.PageSize} bytes = {meta.RequiredFileLength} bytes; the copy is incomplete");

        if (LmdbTreeValidator.Validate(dataFile, meta) is { } damage)
            throw new DatasetUnreadableException(path, $"{dataFile} is damaged: {damage}");

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
            return new LmdbReader(path, environment, transaction, database, entries);
        }
        catch (LightningException e)
        {
            transaction?.Dispose();
            environment?.Dispose();
            throw new DatasetUnreadableException(path, $"LMDB cannot open {dataFile}: {e.Message}", e);
        }
    }

    public IEnumerable<Sample> ReadSamples(CancellationToken cancellationToken)
    {
        if (_read) throw new InvalidOperationException("ReadSamples can be called once per reader");
        _read = true;
        using var cursor = _transaction.CreateCursor(_database);
        var trimmer = new MappedPageTrimmer(TrimInterval);
        long index = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (code, key, value) = cursor.Next();
            Trims = trimmer.Trims;
            if (code == MDBResultCode.NotFound) yield break;
            if (code != MDBResultCode.Success)
                throw new DatasetUnreadableException(Info.Path,
                    $"LMDB stopped after {index} records ({code}): the store is damaged");
            yield return ToSample(index++, key, value, trimmer);
        }
    }

    /// <summary>Views key and value inside the memory map: they do not move, so nothing is pinned or copied.</summary>
    private static unsafe Sample ToSample(long index, MDBValue key, MDBValue value, MappedPageTrimmer trimmer)
    {
        var keySpan = key.AsSpan();
        var valueSpan = value.AsSpan();
        fixed (byte* k = keySpan)
        fixed (byte* v = valueSpan)
        {
            trimmer.Touched(v, valueSpan.Length);
            return new Sample(index, new RecordBytes(k, keySpan.Length), new RecordBytes(v, valueSpan.Length), CaffeDatumDecoder.Instance);
        }
    }

    public void Dispose()
    {
        _database.Dispose();
        _transaction.Dispose();
        _environment.Dispose();
    }
}
