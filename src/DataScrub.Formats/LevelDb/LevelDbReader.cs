using System.Text.RegularExpressions;
using DataScrub.Findings;
using DataScrub.Formats.Caffe;
using DataScrub.Samples;

namespace DataScrub.Formats.LevelDb;

/// <summary>
/// Streams a (Caffe) LevelDB in key order without LevelDB: replays the MANIFEST, then k-way merges
/// every level-0 table, each deeper level (its tables concatenated) and the replayed live logs, and
/// yields each live user key once with its newest value (a deletion hides it). Strictly read-only:
/// no LOCK, no LOG, no recovery writes, so read-only media work. Damaged tables, blocks and log
/// records are findings; the records that can be read are still scanned.
/// </summary>
public sealed partial class LevelDbReader : IDatasetReader
{
    private readonly string _directory;
    private readonly LevelDbManifest _manifest;
    private readonly List<Finding> _findings = [];
    private bool _read;

    private LevelDbReader(string directory, LevelDbManifest manifest)
    {
        _directory = directory;
        _manifest = manifest;
        // LevelDB keeps no record count; a scan's completeness is shown by its findings instead.
        Info = new DatasetInfo(directory, LevelDbFormat.FormatName, null);
    }

    public DatasetInfo Info { get; }

    public IReadOnlyList<Finding> StoreFindings => _findings;

    /// <summary>How many tables the current version has, per level (for diagnostics and tests).</summary>
    internal IReadOnlyDictionary<int, int> TablesPerLevel =>
        _manifest.Tables.GroupBy(t => t.Level).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The live write-ahead logs, oldest first.</summary>
    internal IReadOnlyList<string> LiveLogs => FindLiveLogs();

    /// <exception cref="DatasetUnreadableException">Not a LevelDB, or its CURRENT/MANIFEST cannot be used.</exception>
    public static LevelDbReader Open(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DatasetUnreadableException(directory, File.Exists(directory)
                ? "a LevelDB is a directory; give the directory that holds CURRENT"
                : "no such file or directory");
        return new LevelDbReader(directory, LevelDbManifest.Load(directory));
    }

    public IEnumerable<Sample> ReadSamples(CancellationToken cancellationToken)
    {
        if (_read) throw new InvalidOperationException("ReadSamples can be called once per reader");
        _read = true;
        var sources = CreateSources();
        try
        {
            var queue = new PriorityQueue<IInternalIterator, IInternalIterator>(InternalIteratorComparer.Instance);
            foreach (var source in sources)
                if (source.MoveNext()) queue.Enqueue(source, source);

            long index = 0;
            while (queue.TryDequeue(out var top, out _))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // The smallest internal key is the newest version of the smallest user key.
                var key = top.UserKey.ToArray();
                var type = (byte)(top.Trailer & 0xff);
                var value = top.Value;
                // Hold the value's block before the source moves on (which may release its own reference).
                var block = type == InternalKey.TypeValue ? top.ValueBlock : null;
                block?.AddReference();
                Advance(queue, top);
                while (queue.TryPeek(out var next, out _) && next.UserKey.SequenceEqual(key))
                    Advance(queue, queue.Dequeue());

                if (type == InternalKey.TypeValue)
                    yield return new Sample(index++, new RecordBytes(key), value, CaffeDatumDecoder.Instance, block);
                else if (type != InternalKey.TypeDeletion)
                    _findings.Add(new Finding(FindingKinds.CorruptStore, null, null, null, null, null,
                        $"key {SampleKey.ToDisplay(key)} has an entry of unknown type {type}; the key is skipped"));
            }
        }
        finally
        {
            foreach (var source in sources) source.Dispose();
        }
    }

    private static void Advance(PriorityQueue<IInternalIterator, IInternalIterator> queue, IInternalIterator source)
    {
        if (source.MoveNext()) queue.Enqueue(source, source);
    }

    private List<IInternalIterator> CreateSources()
    {
        var sources = new List<IInternalIterator>();
        // Level 0 tables may overlap: each is its own source.
        foreach (var table in _manifest.Tables.Where(t => t.Level == 0))
            if (OpenTable(table) is { } reader) sources.Add(reader);
        // Deeper levels are disjoint: one concatenating source per level, tables by smallest key.
        foreach (var level in _manifest.Tables.Where(t => t.Level > 0).GroupBy(t => t.Level).OrderBy(g => g.Key))
        {
            var ordered = level.OrderBy(t => t.Smallest[..^InternalKey.TrailerSize], ByteArrayComparer.Instance).ToList();
            sources.Add(new LevelIterator(ordered.Select(t => (Func<TableReader?>)(() => OpenTable(t))).ToList()));
        }
        sources.Add(MemTableIterator.Load(FindLiveLogs(), _findings));
        return sources;
    }

    private TableReader? OpenTable(TableFileInfo table)
    {
        var ldb = $"{table.Number:D6}.ldb";
        var sst = $"{table.Number:D6}.sst";
        var name = File.Exists(Path.Combine(_directory, ldb)) ? ldb : File.Exists(Path.Combine(_directory, sst)) ? sst : null;
        if (name is null)
        {
            _findings.Add(Finding.AboutStore(FindingKinds.CorruptStore, ldb, null,
                $"table {ldb} (level {table.Level}, {table.Size} bytes) named by {_manifest.ManifestName} is missing; its records are lost"));
            return null;
        }
        var path = Path.Combine(_directory, name);
        var actual = new FileInfo(path).Length;
        if ((ulong)actual != table.Size)
            _findings.Add(Finding.AboutStore(FindingKinds.CorruptStore, name, Math.Min(actual, (long)table.Size),
                $"table {name} is {actual} bytes but {_manifest.ManifestName} says {table.Size} (truncated or replaced); reading what is there"));
        return TableReader.Open(path, name, _findings);
    }

    private List<string> FindLiveLogs()
    {
        var logs = new List<(ulong Number, string Path)>();
        foreach (var path in Directory.EnumerateFiles(_directory, "*.log"))
        {
            var match = LogFileName().Match(Path.GetFileName(path));
            if (!match.Success || !ulong.TryParse(match.Groups[1].ValueSpan, out var number)) continue;
            if (number >= _manifest.LogNumber || (number != 0 && number == _manifest.PrevLogNumber))
                logs.Add((number, path));
        }
        return logs.OrderBy(l => l.Number).Select(l => l.Path).ToList();
    }

    public void Dispose() { }

    [GeneratedRegex(@"\A([0-9]+)\.log\z")]
    private static partial Regex LogFileName();

    private sealed class ByteArrayComparer : IComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
