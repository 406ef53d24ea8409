using DataScrub.Formats.RecordStores;
namespace DataScrub.Formats.Lmdb;

/// <summary>
/// Cuts the main database's key space into units from the B-tree's upper levels, without a full walk: descends
/// breadth-first from the root to the shallowest level with at least <see cref="EnoughPages"/> pages (or to the
/// leaves), and groups that level's pages, in key order, into at most <see cref="MaxUnits"/> units of about as many
/// pages each. A page starts where its parent's separator says (a branch page's node 0 has an implicit key: the
/// page's own start). A tree with at most <see cref="SmallTreeLeafPages"/> leaves is cut by its leaf entries instead,
/// down to one record per unit, so that even a tiny store spreads over several shards. Reads only page structure,
/// so every process computes the same units whatever its shard.
/// </summary>
internal static class LmdbUnitSplitter
{
    public const int MaxUnits = 1024;

    /// <summary>A level with this many pages gives units of 4+ pages each, which evens out their fill (50–100%).</summary>
    public const int EnoughPages = 4 * MaxUnits;

    /// <summary>Reading every leaf of a tree this small costs less than a megabyte (4 KiB pages).</summary>
    public const int SmallTreeLeafPages = 64;

    private const int MaxDepth = 64;

    /// <summary>The units, or null and <paramref name="error"/> (page, offset) when a page on the way is damaged.</summary>
    public static KeyRangeUnits? Split(LmdbPageReader pages, out string? error)
    {
        error = null;
        var root = pages.Meta.MainDatabase.Root;
        if (root == LmdbDatabaseRecord.NoRoot) return KeyRangeUnits.Single;

        // Each page of the current level with the first key it may hold (null: the start of the key space).
        var level = new List<(ulong Page, byte[]? Start)> { (root, null) };
        for (var depth = 1; ; depth++)
        {
            if (depth > MaxDepth) { error = $"page {root}: B-tree deeper than {MaxDepth} levels (a page cycle)"; return null; }
            if (pages.Read(level[0].Page) is { } firstError) { error = firstError; return null; }
            if (pages.IsLeaf2) return KeyRangeUnits.Single;
            var isBranch = pages.IsBranch;
            if (level.Count >= EnoughPages || !isBranch && level.Count > SmallTreeLeafPages)
                return Group(level.Select(p => p.Start).ToList(), pages.Meta.MainDatabase.Entries);
            if (!isBranch) return LeafEntries(pages, level, out error);

            var next = new List<(ulong Page, byte[]? Start)>();
            foreach (var (page, start) in level)
            {
                if (pages.Read(page) is { } pageError) { error = pageError; return null; }
                // LMDB keeps every leaf at the same depth; a tree that does not is cut no further (one unit), not refused:
                // it is damage for the validator to judge, and the single-process scan reads it as before.
                if (!pages.IsBranch) return KeyRangeUnits.Single;
                for (var i = 0; i < pages.NodeCount; i++)
                {
                    if (pages.Node(i, out var node) is { } nodeError) { error = nodeError; return null; }
                    next.Add((node.ChildPage, i == 0 ? start : pages.KeyOf(node).ToArray()));
                }
            }
            level = next;
        }
    }

    private static KeyRangeUnits? LeafEntries(LmdbPageReader pages, List<(ulong Page, byte[]? Start)> leaves, out string? error)
    {
        error = null;
        var keys = new List<byte[]?>();
        foreach (var (page, _) in leaves)
        {
            if (pages.Read(page) is { } pageError) { error = pageError; return null; }
            if (pages.IsBranch) return KeyRangeUnits.Single; // leaves at different depths: see Split
            if (pages.IsLeaf2) continue;
            for (var i = 0; i < pages.NodeCount; i++)
            {
                if (pages.Node(i, out var node) is { } nodeError) { error = nodeError; return null; }
                keys.Add(pages.KeyOf(node).ToArray());
            }
        }
        return Group(keys, pages.Meta.MainDatabase.Entries);
    }

    /// <summary>Groups consecutive nodes evenly into at most <see cref="MaxUnits"/> units, and no more than the store's
    /// records fill at <see cref="Sharding.UnitSizing"/>'s size (units of four worker batches where they can: a
    /// batch never spans two units); unit u starts at node ⌊M·u/U⌋. Node 0's start is never a boundary (unit 0 starts
    /// at the beginning), so it may be null.</summary>
    private static KeyRangeUnits Group(List<byte[]?> starts, ulong entries)
    {
        var nodes = starts.Count;
        var records = (long)Math.Min(entries, long.MaxValue);
        var perUnit = Sharding.UnitSizing.SamplesPerUnit(records);
        var units = (int)Math.Min(Math.Min(nodes, MaxUnits), Math.Max(1, (records + perUnit - 1) / perUnit));
        if (units <= 1) return KeyRangeUnits.Single;
        var boundaries = new List<byte[]>(units - 1);
        for (var u = 1; u < units; u++)
            boundaries.Add(starts[(int)((long)nodes * u / units)] ?? throw new InvalidOperationException("only the first page of a level has an open start"));
        return new KeyRangeUnits(boundaries);
    }
}
