using System.Text;

namespace DataScrub.Formats.LevelDb;

/// <summary>
/// Writes a new LevelDB that LevelDB itself (and so Caffe) opens: sorted tables on the last level
/// (L6: never compacted, disjoint key ranges), a MANIFEST with one version edit and CURRENT. Keys must
/// arrive in strictly increasing bytewise order; sequence numbers are 1..N. No write-ahead log is
/// written (the manifest names an unused log number), so nothing needs replaying on open.
/// Writes into a new directory; making that directory appear atomically is the caller's job.
/// </summary>
public sealed class LevelDbWriter : RecordStores.IRecordStoreWriter
{
    private const int Level = 6;
    private const ulong ManifestNumber = 1;

    private readonly string _directory;
    private readonly LevelDbWriterOptions _options;
    private readonly List<TableFileInfo> _tables = [];
    private TableBuilder? _table;
    private ulong _tableNumber;
    private ulong _nextNumber = ManifestNumber + 1;
    private byte[]? _lastKey;
    private ulong _sequence;
    private bool _completed;

    private LevelDbWriter(string directory, LevelDbWriterOptions options)
    {
        _directory = directory;
        _options = options;
    }

    /// <summary>Records written so far.</summary>
    public long Count => (long)_sequence;

    /// <summary>Creates <paramref name="directory"/> (it must not exist, or be empty).</summary>
    public static LevelDbWriter Create(string directory, LevelDbWriterOptions? options = null)
    {
        if (File.Exists(directory) || Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            throw new IOException($"{directory}: already exists and is not an empty directory; a LevelDB is written only into a new one");
        Directory.CreateDirectory(directory);
        return new LevelDbWriter(directory, options ?? new LevelDbWriterOptions());
    }

    /// <exception cref="ArgumentException">The key is not greater than the previous one.</exception>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_lastKey is not null && key.SequenceCompareTo(_lastKey) <= 0)
            throw new ArgumentException($"keys must be strictly increasing: \"{Encoding.UTF8.GetString(key)}\" after \"{Encoding.UTF8.GetString(_lastKey)}\"", nameof(key));
        if (_table is not null && _table.EstimatedSize >= _options.TableSize) FinishTable();
        if (_table is null)
        {
            _tableNumber = _nextNumber++;
            _table = new TableBuilder(Path.Combine(_directory, $"{_tableNumber:D6}.ldb"), _options.BlockSize, _options.Compress);
        }
        _sequence++;
        _table.Add(InternalKey.Encode(key, _sequence, InternalKey.TypeValue), value);
        _lastKey = key.ToArray();
    }

    /// <summary>Finishes the last table, writes the MANIFEST and CURRENT, all flushed to disk.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        FinishTable();
        var logNumber = _nextNumber++;
        var edit = new VersionEdit
        {
            Comparator = LevelDbManifest.BytewiseComparator,
            LogNumber = logNumber,
            PrevLogNumber = 0,
            NextFileNumber = _nextNumber,
            LastSequence = _sequence,
        };
        edit.NewFiles.AddRange(_tables);
        var manifestName = $"MANIFEST-{ManifestNumber:D6}";
        using (var manifest = new FileStream(Path.Combine(_directory, manifestName), FileMode.CreateNew, FileAccess.Write))
        {
            new LogWriter(manifest).AddRecord(edit.Encode());
            manifest.Flush(flushToDisk: true);
        }
        using (var current = new FileStream(Path.Combine(_directory, "CURRENT"), FileMode.CreateNew, FileAccess.Write))
        {
            current.Write(Encoding.ASCII.GetBytes(manifestName + "\n"));
            current.Flush(flushToDisk: true);
        }
        _completed = true;
    }

    private void FinishTable()
    {
        if (_table is null) return;
        var (smallest, largest, size) = _table.Finish();
        _table.Dispose();
        _table = null;
        _tables.Add(new TableFileInfo(Level, _tableNumber, size, smallest, largest));
    }

    /// <summary>Closes open files. Without <see cref="Complete"/> the directory is not a usable LevelDB
    /// (no CURRENT), which is what an interrupted write must look like.</summary>
    public void Dispose()
    {
        _table?.Dispose();
        _table = null;
    }
}
