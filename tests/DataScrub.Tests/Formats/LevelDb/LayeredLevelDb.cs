using System.Buffers.Binary;
using DataScrub.Formats.LevelDb;

namespace DataScrub.Tests.Formats.LevelDb;

/// <summary>
/// Writes a LevelDB as one left by years of writes and compactions: every key has one to three versions, oldest in
/// the deepest level, newer ones in level 2, level 1, the overlapping level-0 tables and the live log, some of them
/// deletions; levels ≥ 1 are cut into disjoint tables. Returns the live set a correct reader must yield (each key's
/// newest version, unless that is a deletion).
/// </summary>
internal static class LayeredLevelDb
{
    // Layers, oldest first: levels 3, 2, 1, then level 0, then the log.
    private const int LayerCount = 5;
    private const int Level0Layer = 3;
    private const int LogLayer = 4;

    public static SortedDictionary<string, byte[]> Write(string dir, Random random, int keys, int maxKey, int maxValue,
        int blockSize, int tableBytes, bool compress)
    {
        Directory.CreateDirectory(dir);
        var layers = Enumerable.Range(0, LayerCount).Select(_ => new List<(byte[] Key, byte[]? Value)>()).ToList();
        var live = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        // Keys of 1 or 2 bytes run out (256 and 65,792 of them): ask for at most half of those that exist, or the
        // loop below would draw forever (it once hung the suite on 2,178 keys of one byte).
        keys = Math.Min(keys, maxKey switch { 1 => 128, 2 => 32_896, _ => int.MaxValue });
        var seen = new HashSet<string>();
        while (seen.Count < keys)
        {
            var key = new byte[random.Next(1, maxKey + 1)];
            random.NextBytes(key);
            if (!seen.Add(Convert.ToHexString(key))) continue;
            var versions = random.Next(1, 4);
            var chosen = Enumerable.Range(0, LayerCount).OrderBy(_ => random.Next()).Take(versions).Order().ToList();
            byte[]? newest = null;
            foreach (var layer in chosen)
            {
                newest = random.Next(8) == 0 ? null : RandomBytes(random, maxValue);
                layers[layer].Add((key, newest));
            }
            if (newest is not null) live[Convert.ToHexString(key)] = newest;
        }

        ulong sequence = 0, fileNumber = 4;
        var edit = new VersionEdit { Comparator = LevelDbManifest.BytewiseComparator };
        for (var layer = 0; layer < Level0Layer; layer++)
        {
            var entries = layers[layer].OrderBy(e => e.Key, ByteOrder.Instance).Select(e => Versioned(e, ++sequence)).ToList();
            // Disjoint tables of about tableBytes each.
            var table = new List<(byte[], byte[])>();
            long bytes = 0;
            foreach (var entry in entries)
            {
                table.Add(entry);
                bytes += entry.Item1.Length + entry.Item2.Length;
                if (bytes < tableBytes) continue;
                AddTable(dir, edit, 3 - layer, ++fileNumber, table, blockSize, compress);
                table = [];
                bytes = 0;
            }
            if (table.Count > 0) AddTable(dir, edit, 3 - layer, ++fileNumber, table, blockSize, compress);
        }
        // Level 0: two or three tables whose key ranges overlap.
        var level0 = Enumerable.Range(0, random.Next(2, 4)).Select(_ => new List<(byte[] Key, byte[]? Value)>()).ToList();
        foreach (var entry in layers[Level0Layer])
            level0[random.Next(level0.Count)].Add(entry);
        // Sorted by user key before the trailer is appended: bytewise order of whole internal keys is not key order.
        foreach (var table in level0.Where(t => t.Count > 0))
            AddTable(dir, edit, 0, ++fileNumber, table.OrderBy(e => e.Key, ByteOrder.Instance).Select(e => Versioned(e, ++sequence)).ToList(), blockSize, compress);

        var logNumber = ++fileNumber;
        using (var log = File.Create(Path.Combine(dir, $"{logNumber:D6}.log")))
        {
            var writer = new LogWriter(log);
            var pending = layers[LogLayer].OrderBy(_ => random.Next()).ToList();
            for (var at = 0; at < pending.Count;)
            {
                var batch = pending.Skip(at).Take(random.Next(1, 20)).ToList();
                writer.AddRecord(Batch(sequence + 1, batch));
                sequence += (ulong)batch.Count;
                at += batch.Count;
            }
        }
        edit.LogNumber = logNumber;
        edit.NextFileNumber = fileNumber + 1;
        edit.LastSequence = sequence;
        using (var manifest = File.Create(Path.Combine(dir, "MANIFEST-000001")))
            new LogWriter(manifest).AddRecord(edit.Encode());
        File.WriteAllText(Path.Combine(dir, "CURRENT"), "MANIFEST-000001\n");
        return live;
    }

    private static (byte[], byte[]) Versioned((byte[] Key, byte[]? Value) entry, ulong sequence) =>
        (InternalKey.Encode(entry.Key, sequence, entry.Value is null ? InternalKey.TypeDeletion : InternalKey.TypeValue), entry.Value ?? []);

    private static void AddTable(string dir, VersionEdit edit, int level, ulong number, List<(byte[] InternalKey, byte[] Value)> entries, int blockSize, bool compress)
    {
        using var builder = new TableBuilder(Path.Combine(dir, $"{number:D6}.ldb"), blockSize, compress);
        foreach (var (key, value) in entries) builder.Add(key, value);
        var (smallest, largest, size) = builder.Finish();
        edit.NewFiles.Add(new TableFileInfo(level, number, size, smallest, largest));
    }

    /// <summary>A WriteBatch: puts and deletes (null), sequence numbers from <paramref name="sequence"/>.</summary>
    private static byte[] Batch(ulong sequence, List<(byte[] Key, byte[]? Value)> entries)
    {
        using var output = new MemoryStream();
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)entries.Count);
        output.Write(header);
        foreach (var (key, value) in entries)
        {
            output.WriteByte(value is null ? InternalKey.TypeDeletion : InternalKey.TypeValue);
            LevelDbCoding.WriteLengthPrefixed(output, key);
            if (value is not null) LevelDbCoding.WriteLengthPrefixed(output, value);
        }
        return output.ToArray();
    }

    private static byte[] RandomBytes(Random random, int maxLength)
    {
        var bytes = new byte[random.Next(0, maxLength + 1)];
        random.NextBytes(bytes);
        return bytes;
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
