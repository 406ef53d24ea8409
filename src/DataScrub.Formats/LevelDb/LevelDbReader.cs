using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using DataScrub.Findings;
using DataScrub.Formats.Caffe;
using DataScrub.Formats.RecordStores;
using DataScrub.Samples;
using DataScrub.Sharding;

namespace DataScrub.Formats.LevelDb;

/// <summary>
/// Streams a (Caffe) LevelDB in key order without LevelDB: replays the MANIFEST, then k-way merges
/// every level-0 table, each deeper level (its tables concatenated) and the replayed live logs, and
/// yields each live user key once with its newest value (a deletion hides it). Strictly read-only:
/// no LOCK, no LOG, no recovery writes, so read-only media work. Damaged tables, blocks and log
/// records are findings; the records that can be read are still scanned.
/// <para>
/// A shard (<see cref="ReaderOptions.Shard"/>) reads the user keys of its units (<see cref="LevelDbUnitSplitter"/>):
/// only the tables that overlap them, each from the block before the range's first key, and stops at the next
/// shard's first key; every shard replays the whole log. The merge is the same, so a key overwritten or deleted across
/// levels is yielded once, by the shard whose range holds it, with its newest value. A finding belongs to the key the
/// merge was at when it was found (what the whole scan had consumed up to then; open and log replay: the start), and a
/// shard keeps only the findings of its own range, so the shards' findings concatenate to the whole scan's.
/// </para>
/// </summary>
public sealed partial class LevelDbReader : IDatasetReader
{
    private readonly string _directory;
    private readonly LevelDbManifest _manifest;
    private readonly List<Finding> _findings = [];
    private readonly KeyRangeUnits _units;
    private readonly KeyRange? _range;
    private readonly StrongBox<long> _bytesRead = new();
    private bool _read;

    private LevelDbReader(string directory, LevelDbManifest manifest, ShardSpec? shard, bool cut)
    {
        _directory = directory;
        _manifest = manifest;
        _units = cut
            ? LevelDbUnitSplitter.Split(manifest, FindLiveLogs(), TablePath, LiveKeys, _bytesRead)
            : KeyRangeUnits.Single;
        _range = shard is { } spec ? _units.RangeOf(spec) : KeyRange.All;
        // LevelDB keeps no record count; a scan's completeness is shown by its findings instead.
        Info = new DatasetInfo(directory, LevelDbFormat.FormatName, null) { Units = _units.Count, Shard = shard };
    }

    /// <summary>Bytes of the store this reader touched so far: table footers and blocks (for the units and the
    /// read) and the live logs, each time they are replayed (for the sharding benchmark).</summary>
    internal long BytesTouched => _bytesRead.Value;

    public DatasetInfo Info { get; }

    public IReadOnlyList<Finding> StoreFindings => _findings;

    /// <summary>How many tables the current version has, per level (for diagnostics and tests).</summary>
    internal IReadOnlyDictionary<int, int> TablesPerLevel =>
        _manifest.Tables.GroupBy(t => t.Level).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The live write-ahead logs, oldest first.</summary>
    internal IReadOnlyList<string> LiveLogs => FindLiveLogs();

    /// <summary>Opens the whole store (<paramref name="shard"/> null) or one shard of it.</summary>
    /// <exception cref="DatasetUnreadableException">Not a LevelDB, or its CURRENT/MANIFEST cannot be used.</exception>
    public static LevelDbReader Open(string directory, ShardSpec? shard = null)
    {
        if (!Directory.Exists(directory))
            throw new DatasetUnreadableException(directory, File.Exists(directory)
                ? "a LevelDB is a directory; give the directory that holds CURRENT"
                : "no such file or directory");
        return new LevelDbReader(directory, LevelDbManifest.Load(directory), shard, cut: true);
    }

    /// <summary>The live user keys of the whole store, by a plain read whose findings are dropped (the scan reports them).</summary>
    private IEnumerable<byte[]> LiveKeys()
    {
        using var whole = new LevelDbReader(_directory, _manifest, shard: null, cut: false);
        foreach (var sample in whole.ReadSamples(CancellationToken.None))
        {
            yield return sample.Key.Span.ToArray();
            sample.Lease?.Release();
        }
        _bytesRead.Value += whole.BytesTouched;
    }

    public IEnumerable<Sample> ReadSamples(CancellationToken cancellationToken)
    {
        if (_read) throw new InvalidOperationException("ReadSamples can be called once per reader");
        _read = true;
        if (_range is not { } range) yield break;
        // Sources report here; the findings move to the store's list when the merge position they belong to is in range.
        var found = new List<Finding>();
        var sources = CreateSources(range, found);
        try
        {
            var queue = new PriorityQueue<IInternalIterator, IInternalIterator>(InternalIteratorComparer.Instance);
            foreach (var source in sources)
                if (source.MoveNext()) queue.Enqueue(source, source);
            // Opening the sources belongs to the start of the key space.
            Keep(found, range.From is null);

            var units = new KeyRangeUnits.Cursor(_units);
            long index = 0;
            while (queue.TryPeek(out var top, out _) && range.IsBelowEnd(top.UserKey))
            {
                cancellationToken.ThrowIfCancellationRequested();
                queue.Dequeue();
                // The smallest internal key is the newest version of the smallest user key.
                var key = top.UserKey.ToArray();
                var type = (byte)(top.Trailer & 0xff);
                var value = top.Value;
                // Keys below the range come from the block read before it: consumed, so that the sources stand where a
                // whole scan's would, but neither yielded nor reported.
                var mine = range.IsAtOrAfterStart(key);
                // Hold the value's block before the source moves on (which may release its own reference).
                var block = mine && type == InternalKey.TypeValue ? top.ValueBlock : null;
                block?.AddReference();
                Advance(queue, top);
                while (queue.TryPeek(out var next, out _) && next.UserKey.SequenceEqual(key))
                    Advance(queue, queue.Dequeue());
                Keep(found, mine);
                if (!mine) continue;

                if (type == InternalKey.TypeValue)
                    yield return new Sample(index++, new RecordBytes(key), value, CaffeDatumDecoder.Instance, block) { Unit = units.UnitOf(key) };
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

    /// <summary>Moves what the sources found since the last call into the store's findings when they belong to this
    /// reader's range, and drops them when they belong to an earlier shard's.</summary>
    private void Keep(List<Finding> found, bool inRange)
    {
        if (inRange) _findings.AddRange(found);
        found.Clear();
    }

    private static void Advance(PriorityQueue<IInternalIterator, IInternalIterator> queue, IInternalIterator source)
    {
        if (source.MoveNext()) queue.Enqueue(source, source);
    }

    /// <summary>
    /// The merge's sources, in the order a whole scan opens them. From the start of the key space (the whole store,
    /// shard 0) every table is a source, as before sharding: what a whole scan finds on opening them is shard 0's to
    /// report. A later shard opens only the level-0 tables overlapping its range and, per deeper level, the tables from
    /// the first one overlapping it on (opened one after another, as far as the merge goes), each moved to the range's
    /// first key.
    /// </summary>
    private List<IInternalIterator> CreateSources(KeyRange range, List<Finding> found)
    {
        var sources = new List<IInternalIterator>();
        // Level 0 tables may overlap: each is its own source.
        foreach (var table in _manifest.Tables.Where(t => t.Level == 0))
        {
            if (range.From is not null && !range.Overlaps(InternalKey.UserKey(table.Smallest), InternalKey.UserKey(table.Largest))) continue;
            if (OpenTable(table, found, range.From) is { } reader) sources.Add(reader);
        }
        // Deeper levels are disjoint: one concatenating source per level, tables by smallest key.
        foreach (var level in _manifest.Tables.Where(t => t.Level > 0).GroupBy(t => t.Level).OrderBy(g => g.Key))
        {
            var ordered = level.OrderBy(t => t.Smallest[..^InternalKey.TrailerSize], ByteArrayComparer.Instance).ToList();
            var first = range.From is null ? 0 : ordered.FindIndex(t => range.IsAtOrAfterStart(InternalKey.UserKey(t.Largest)));
            if (first < 0) continue;
            sources.Add(new LevelIterator(ordered.Skip(first).Select((t, i) => (Func<TableReader?>)(() => OpenTable(t, found, i == 0 ? range.From : null))).ToList()));
        }
        foreach (var log in FindLiveLogs()) _bytesRead.Value += new FileInfo(log).Length;
        sources.Add(MemTableIterator.Load(FindLiveLogs(), found));
        return sources;
    }

    /// <summary>The table's file (<c>.ldb</c>, or <c>.sst</c> of LevelDB before 1.14), or null when neither exists.</summary>
    private string? TablePath(TableFileInfo table)
    {
        var ldb = Path.Combine(_directory, $"{table.Number:D6}.ldb");
        var sst = Path.Combine(_directory, $"{table.Number:D6}.sst");
        return File.Exists(ldb) ? ldb : File.Exists(sst) ? sst : null;
    }

    /// <param name="from">Skip the data blocks below this user key (a shard's first table of a level).</param>
    private TableReader? OpenTable(TableFileInfo table, List<Finding> found, byte[]? from)
    {
        var ldb = $"{table.Number:D6}.ldb";
        var path = TablePath(table);
        if (path is null)
        {
            found.Add(Finding.AboutStore(FindingKinds.CorruptStore, ldb, null,
                $"table {ldb} (level {table.Level}, {table.Size} bytes) named by {_manifest.ManifestName} is missing; its records are lost"));
            return null;
        }
        var name = Path.GetFileName(path);
        var actual = new FileInfo(path).Length;
        if ((ulong)actual != table.Size)
            found.Add(Finding.AboutStore(FindingKinds.CorruptStore, name, Math.Min(actual, (long)table.Size),
                $"table {name} is {actual} bytes but {_manifest.ManifestName} says {table.Size} (truncated or replaced); reading what is there"));
        var reader = TableReader.Open(path, name, found, _bytesRead);
        if (from is not null) reader?.SkipBlocksBelow(from);
        return reader;
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
