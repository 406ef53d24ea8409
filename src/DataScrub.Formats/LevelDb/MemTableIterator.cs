using DataScrub.Formats.Buffers;
using DataScrub.Findings;
using DataScrub.Samples;

namespace DataScrub.Formats.LevelDb;

/// <summary>
/// The live write-ahead logs, replayed into a sorted in-memory table, as LevelDB itself does when it
/// opens a database. Bounded by the log size, which LevelDB bounds by its write buffer (4 MiB by
/// default, 256 MiB in Caffe's settings); tables are never loaded this way.
/// </summary>
internal sealed class MemTableIterator : IInternalIterator
{
    private readonly List<Entry> _entries = [];
    private int _position = -1;

    public ReadOnlySpan<byte> UserKey => _entries[_position].Key;

    public ulong Trailer => _entries[_position].Trailer;

    public RecordBytes Value => _entries[_position].Value;

    public PooledBuffer? ValueBlock => null;

    public int Count => _entries.Count;

    /// <summary>Replays <paramref name="logs"/> (paths, ascending file number).</summary>
    public static MemTableIterator Load(IReadOnlyList<string> logs, List<Finding> findings)
    {
        var table = new MemTableIterator();
        foreach (var path in logs)
        {
            var name = Path.GetFileName(path);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var reader = new LogReader(stream);
            reader.Corruption += (offset, dropped, reason) => findings.Add(Finding.AboutStore(FindingKinds.CorruptStore, name, offset,
                $"log {name}: {reason} at offset {offset}; {dropped} bytes of logged writes are dropped"));
            reader.Torn += (offset, reason) => findings.Add(Finding.AboutStore(FindingKinds.TornLogRecord, name, offset,
                $"log {name}: {reason}; the writer stopped mid-write and LevelDB skips this record too"));
            while (reader.ReadRecord() is { } record)
            {
                var error = WriteBatchDecoder.Decode(record, (key, sequence, type, value) =>
                    table._entries.Add(new Entry(key.ToArray(), InternalKey.Pack(sequence, type), RecordBytes.Copy(value))));
                if (error is not null)
                    findings.Add(Finding.AboutStore(FindingKinds.CorruptStore, name, reader.RecordOffset,
                        $"log {name}: {error} (record at offset {reader.RecordOffset}); its remaining writes are dropped"));
            }
        }
        table._entries.Sort(static (a, b) => InternalKey.Compare(a.Key, a.Trailer, b.Key, b.Trailer));
        return table;
    }

    public bool MoveNext() => ++_position < _entries.Count;

    public void Dispose() { }

    private sealed record Entry(byte[] Key, ulong Trailer, RecordBytes Value);
}
