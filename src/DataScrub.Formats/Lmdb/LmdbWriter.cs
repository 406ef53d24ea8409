using LightningDB;

namespace DataScrub.Formats.Lmdb;

/// <summary>
/// Writes a new LMDB environment that Caffe and py-lmdb (LMDB 0.9) open: a directory holding
/// <c>data.mdb</c>, one unnamed main database, no duplicate keys. Keys must arrive in strictly increasing
/// bytewise order, which lets every put use <c>MDB_APPEND</c>: pages are filled left to right and never
/// split, so bulk loading is fast and the file has no half-empty pages. Records are committed in
/// transactions of <see cref="LmdbWriterOptions.RecordsPerTransaction"/> records or
/// <see cref="LmdbWriterOptions.BytesPerTransaction"/> bytes; when LMDB's memory map is full the
/// transaction is aborted, the map doubled and the transaction's records replayed.
/// <para>
/// Until <see cref="Complete"/>, the data file is <c>data.mdb.partial</c>: an interrupted write leaves no
/// <c>data.mdb</c>, so it cannot be mistaken for a complete (if shorter) database. Writes into a new
/// directory; making that directory appear atomically is the caller's job.
/// </para>
/// <para>
/// No <c>lock.mdb</c> is written: the environment is opened with <c>MDB_NOLOCK</c> (this writer is the
/// only user of a directory nobody else knows yet), which also lets <see cref="Put"/> be called from
/// different threads one after another (LMDB's writer mutex would belong to the thread that began the
/// transaction). The lock file is runtime state that LMDB creates on first open: py-lmdb with
/// <c>lock=True</c> and Caffe recreate it, readers with <c>lock=False</c>/<c>MDB_NOLOCK</c> (like
/// <see cref="LmdbReader"/>) never need it; <c>mdb_copy</c> output has none either. A reader that opens
/// with locking needs write access to the directory to create it.
/// </para>
/// </summary>
public sealed class LmdbWriter : RecordStores.IRecordStoreWriter
{
    /// <summary>The data file's name until <see cref="Complete"/> renames it to <c>data.mdb</c>.</summary>
    public const string PartialFileName = LmdbFormat.DataFileName + ".partial";

    /// <summary>LMDB 0.9's compiled-in key limit (MDB_MAXKEYSIZE).</summary>
    private const int MaxKeySize = 511;

    // NOSUBDIR: the path names the data file (data.mdb.partial), renamed at Complete. NOSYNC: commits
    // skip fsync; Complete syncs once, and a crash before that leaves a partial directory anyway.
    private const EnvironmentOpenFlags OpenFlags = EnvironmentOpenFlags.NoSubDir | EnvironmentOpenFlags.NoLock | EnvironmentOpenFlags.NoSync;

    private readonly string _directory;
    private readonly string _partialPath;
    private readonly LmdbWriterOptions _options;
    private readonly LightningEnvironment _environment;
    private readonly LightningDatabase _database;
    private readonly LmdbPendingRecords _pending = new();
    private readonly byte[] _lastKey = new byte[MaxKeySize];
    private int _lastKeyLength = -1;
    private LightningTransaction? _transaction;
    private long _mapSize;
    private bool _completed;
    private bool _disposed;
    private bool _failed;

    private LmdbWriter(string directory, string partialPath, LmdbWriterOptions options, LightningEnvironment environment, LightningDatabase database, long mapSize)
    {
        _directory = directory;
        _partialPath = partialPath;
        _options = options;
        _environment = environment;
        _database = database;
        _mapSize = mapSize;
    }

    /// <summary>Records written so far (committed or in the open transaction).</summary>
    public long Count { get; private set; }

    /// <summary>The memory map's current size in bytes.</summary>
    public long MapSize => _mapSize;

    /// <summary>How often the map was full and had to be doubled.</summary>
    internal int MapGrowths { get; private set; }

    /// <summary>Creates <paramref name="directory"/> (it must not exist, or be empty) and an empty environment in it.</summary>
    /// <exception cref="IOException">The directory exists and is not empty, or LMDB cannot create the environment.</exception>
    /// <exception cref="DataScrubException">No LMDB 0.9 library (see <see cref="LmdbNativeLibrary"/>).</exception>
    public static LmdbWriter Create(string directory, LmdbWriterOptions? options = null)
    {
        options ??= new LmdbWriterOptions();
        options.Validate();
        if (File.Exists(directory) || Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            throw new IOException($"{directory}: already exists and is not an empty directory; an LMDB is written only into a new one");
        // Before creating anything: without the library there is nothing to write with.
        LmdbNativeLibrary.EnsureLoaded();
        Directory.CreateDirectory(directory);

        var partialPath = Path.Combine(directory, PartialFileName);
        var mapSize = RoundToPages(options.InitialMapSize);
        LightningEnvironment? environment = null;
        LightningDatabase? database = null;
        try
        {
            environment = new LightningEnvironment(partialPath, new EnvironmentConfiguration { MapSize = mapSize });
            environment.Open(OpenFlags);
            // The main database's handle outlives the transaction that opened it; an empty commit writes nothing.
            using (var transaction = environment.BeginTransaction())
            {
                database = transaction.OpenDatabase();
                var code = transaction.Commit();
                if (code != MDBResultCode.Success)
                    throw new IOException($"{partialPath}: LMDB cannot initialise the environment ({Describe(code, partialPath)})");
            }
            return new LmdbWriter(directory, partialPath, options, environment, database, mapSize);
        }
        catch (Exception e)
        {
            database?.Dispose();
            environment?.Dispose();
            if (e is LightningException lightning)
                throw new IOException($"{partialPath}: LMDB cannot create the environment: {lightning.Message}", lightning);
            throw;
        }
    }

    /// <summary>Adds a record. Copies both spans; they may be reused once this returns.</summary>
    /// <exception cref="ArgumentException">The key is empty, longer than LMDB's 511 bytes, or not greater than the previous one.</exception>
    /// <exception cref="IOException">LMDB failed to write (the message names the key).</exception>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ThrowIfDone();
        if (key.Length is 0 or > MaxKeySize)
            throw new ArgumentException($"LMDB keys are 1 to {MaxKeySize} bytes; key {Hex(key)} has {key.Length}", nameof(key));
        if (_options.KeysInOrder && _lastKeyLength >= 0 && key.SequenceCompareTo(_lastKey.AsSpan(0, _lastKeyLength)) <= 0)
            throw new ArgumentException($"keys must be strictly increasing: key {Hex(key)} after {Hex(_lastKey.AsSpan(0, _lastKeyLength))}", nameof(key));

        try
        {
            // Copied first, so that a replay after growing the map includes this record.
            _pending.Add(key, value);
            _transaction ??= _environment.BeginTransaction();
            if (!TryAppend(key, value)) GrowAndReplay();

            key.CopyTo(_lastKey);
            _lastKeyLength = key.Length;
            Count++;
            if (_pending.Count >= _options.RecordsPerTransaction || _pending.Bytes >= _options.BytesPerTransaction)
                CommitPending();
        }
        catch
        {
            // LMDB's transaction is unusable after a failed put or commit: stop rather than write a gap.
            _failed = true;
            throw;
        }
    }

    /// <summary>Commits the last transaction, flushes <c>data.mdb</c> to disk, closes the environment and
    /// renames <c>data.mdb.partial</c> to <c>data.mdb</c>, then syncs the directory.</summary>
    public void Complete()
    {
        ThrowIfDone();
        _failed = true; // until it has succeeded: a failed Complete cannot be retried
        CommitPending();
        var code = _environment.Flush(force: true);
        if (code != MDBResultCode.Success)
            throw new IOException($"{_partialPath}: LMDB could not flush the data file to disk ({Describe(code)})");
        CloseEnvironment();
        _completed = true;
        _failed = false;

        var dataPath = Path.Combine(_directory, LmdbFormat.DataFileName);
        File.Move(_partialPath, dataPath);
        // mdb_env_sync has synced the data; this covers the file's own metadata after the close.
        using (var data = new FileStream(dataPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
            data.Flush(flushToDisk: true);
        // Makes the rename durable. The directory's own entry in its parent is synced by whoever moves
        // the directory into place (the caller).
        DirectoryFsync.Sync(_directory);
    }

    private void CommitPending()
    {
        while (_transaction is not null)
        {
            var code = _transaction.Commit();
            _transaction.Dispose();
            _transaction = null;
            if (code == MDBResultCode.Success)
            {
                _pending.Clear();
                return;
            }
            // A failed commit has already freed LMDB's transaction: nothing to abort.
            if (code != MDBResultCode.MapFull)
                throw new IOException($"{_partialPath}: LMDB could not commit {_pending.Count} records ending with key {Hex(_lastKey.AsSpan(0, _lastKeyLength))} ({Describe(code)})");
            GrowAndReplay();
        }
    }

    /// <summary>Aborts the open transaction, doubles the map (only allowed with no transaction open) and
    /// puts the pending records again, as often as it takes.</summary>
    private void GrowAndReplay()
    {
        var replayed = false;
        while (!replayed)
        {
            _transaction?.Dispose(); // aborts
            _transaction = null;
            Grow();
            _transaction = _environment.BeginTransaction();
            replayed = true;
            for (var i = 0; i < _pending.Count && replayed; i++)
                replayed = TryAppend(_pending.Key(i), _pending.Value(i));
        }
    }

    private void Grow()
    {
        var size = _mapSize > long.MaxValue / 2 ? long.MaxValue : _mapSize * 2;
        try
        {
            _environment.MapSize = size;
        }
        catch (LightningException e)
        {
            throw new IOException($"{_partialPath}: LMDB could not grow its map from {_mapSize} to {size} bytes: {e.Message}", e);
        }
        _mapSize = size;
        MapGrowths++;
    }

    /// <summary>False when the map is full (the transaction is then unusable); throws on any other failure.</summary>
    private bool TryAppend(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        MDBResultCode code;
        try
        {
            code = _transaction!.Put(_database, key, value, _options.KeysInOrder ? PutOptions.AppendData : PutOptions.NoOverwrite);
        }
        catch (LightningException e) when (e.StatusCode == (int)MDBResultCode.MapFull)
        {
            return false;
        }
        if (code == MDBResultCode.Success) return true;
        if (code == MDBResultCode.MapFull) return false;
        throw new IOException($"{_partialPath}: LMDB could not put key {Hex(key)} ({value.Length} byte value): {Describe(code)}");
    }

    private void ThrowIfDone()
    {
        ObjectDisposedException.ThrowIf(_completed || _disposed, this);
        if (_failed) throw new InvalidOperationException($"{_partialPath}: an earlier write failed; the LMDB is incomplete and cannot be continued");
    }

    private void CloseEnvironment()
    {
        _transaction?.Dispose();
        _transaction = null;
        _database.Dispose();
        _environment.Dispose();
        _pending.Dispose();
    }

    /// <summary>Without <see cref="Complete"/>: aborts the open transaction and closes the environment.
    /// The directory is left behind with <c>data.mdb.partial</c> and no <c>data.mdb</c> (not a usable
    /// LMDB, which is what an interrupted write must look like); deleting it is the caller's job.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_completed) CloseEnvironment();
    }

    private static long RoundToPages(long size)
    {
        long page = Environment.SystemPageSize;
        var rounded = size > long.MaxValue - page ? size / page * page : (size + page - 1) / page * page;
        // LMDB needs room for its two meta pages and a few tree pages before the first doubling.
        return Math.Max(16 * page, rounded);
    }

    private static string Hex(ReadOnlySpan<byte> key) => Convert.ToHexString(key);

    /// <summary>LMDB passes system errors through as positive errno values, which LightningDB's enum names
    /// misleadingly (EIO, what a write to a full disk returns, is "AccessDenied"): say what the system says.</summary>
    private string Describe(MDBResultCode code) => Describe(code, _partialPath);

    private static string Describe(MDBResultCode code, string path)
    {
        var status = (int)code;
        if (status <= 0) return $"{code}, status {status}";
        var text = $"{System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(status)} (errno {status})";
        try
        {
            var free = new DriveInfo(Path.GetDirectoryName(Path.GetFullPath(path))!).AvailableFreeSpace;
            if (free < 64L << 20) text += $"; {free} bytes free on the disk";
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
        }
        return text;
    }
}
