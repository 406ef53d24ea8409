using System.Runtime.CompilerServices;
using DataScrub.Formats.RecordStores;

namespace DataScrub.Formats.LevelDb;

/// <summary>
/// Cuts a LevelDB's user-key space into units from cheap structure, the same in every process: candidate boundary
/// keys are the index keys of the live tables (one per data block, so each stands for about one block of data; over
/// <see cref="MaxTablesForIndexKeys"/> tables, only each table's smallest key, from the manifest) and a key of the
/// live logs every <see cref="LogBytesPerCandidate"/> bytes of logged writes (every shard replays the logs anyway).
/// Sorted, de-duplicated and thinned evenly to at most <see cref="MaxUnits"/> units. A store of at most
/// <see cref="TinyStoreBytes"/> is cut by its live keys instead (one merge of the whole store, which costs nothing at
/// that size), down to one record per unit, so that even a tiny store spreads over several shards.
/// </summary>
internal static class LevelDbUnitSplitter
{
    public const int MaxUnits = 1024;

    /// <summary>Index blocks are about 1% of a table; 256 tables (LevelDB's 2 MiB each) cost a few MB to read.</summary>
    public const int MaxTablesForIndexKeys = 256;

    /// <summary>About one data block (LevelDB's default block size) of logged writes per candidate.</summary>
    public const long LogBytesPerCandidate = 4096;

    public const long TinyStoreBytes = 64 * 1024;

    /// <param name="tablePath">The file of a live table, or null when it is missing.</param>
    /// <param name="liveKeys">The store's live user keys in order (a whole merge), asked for only for a tiny store.</param>
    /// <param name="bytesRead">Counts the table bytes read.</param>
    public static KeyRangeUnits Split(LevelDbManifest manifest, IReadOnlyList<string> logs, Func<TableFileInfo, string?> tablePath,
        Func<IEnumerable<byte[]>> liveKeys, StrongBox<long> bytesRead)
    {
        var storeBytes = manifest.Tables.Sum(t => (long)t.Size) + logs.Sum(l => new FileInfo(l).Length);
        if (storeBytes <= TinyStoreBytes) return Group(liveKeys().ToList());

        var candidates = new List<byte[]>();
        foreach (var table in manifest.Tables)
        {
            if (manifest.Tables.Count > MaxTablesForIndexKeys)
                candidates.Add(InternalKey.UserKey(table.Smallest).ToArray());
            else if (tablePath(table) is { } path)
                candidates.AddRange(TableReader.ReadIndexUserKeys(path, Path.GetFileName(path), bytesRead));
        }
        using (var log = MemTableIterator.Load(logs, findings: []))
        {
            long logged = 0, next = 0;
            while (log.MoveNext())
            {
                if (logged >= next)
                {
                    candidates.Add(log.UserKey.ToArray());
                    next = logged + LogBytesPerCandidate;
                }
                logged += log.UserKey.Length + log.Value.Length;
            }
        }
        candidates.Sort(static (a, b) => a.AsSpan().SequenceCompareTo(b));
        var distinct = new List<byte[]>(candidates.Count);
        foreach (var key in candidates)
            if (distinct.Count == 0 || !distinct[^1].AsSpan().SequenceEqual(key)) distinct.Add(key);
        return Group(distinct);
    }

    /// <summary>Thins sorted keys evenly to at most <see cref="MaxUnits"/> units; unit u starts at key ⌊M·u/U⌋ (unit 0 at
    /// the start of the key space, so the first key is never a boundary).</summary>
    private static KeyRangeUnits Group(List<byte[]> keys)
    {
        var units = Math.Min(keys.Count, MaxUnits);
        if (units <= 1) return KeyRangeUnits.Single;
        var starts = new List<byte[]>(units - 1);
        for (var u = 1; u < units; u++) starts.Add(keys[(int)((long)keys.Count * u / units)]);
        return new KeyRangeUnits(starts);
    }
}
