using System.Buffers.Binary;
using DataScrub.Formats.RecordStores;

namespace DataScrub.Formats.Lmdb;

/// <summary>
/// Walks the main database's B-tree (branch and leaf pages; overflow pages only by their bounds) and
/// checks that every page number, node and value LMDB will follow stays inside the file. liblmdb trusts
/// its pages: a flipped byte in a node header makes it read past the end of the mapping and the
/// process dies with SIGBUS, which no exception handler can catch. After this walk, the cursor only
/// meets structure that was checked, so damage becomes one clear error (exit 3) instead of a crash.
/// Cost: one read of each branch/leaf page (a few MB for millions of records); values are not read.
/// A shard walks only the subtrees its cursor can enter (see <see cref="Validate"/>).
/// </summary>
internal sealed class LmdbTreeValidator
{
    private const ushort NodeBigData = 0x01;
    private const ushort NodeSubData = 0x02;
    private const ushort NodeDupData = 0x04;
    private const int MaxDepth = 64;

    private readonly LmdbPageReader _pages;
    private readonly KeyRange _range;
    private long _entries;

    private LmdbTreeValidator(LmdbPageReader pages, KeyRange range)
    {
        _pages = pages;
        _range = range;
    }

    /// <summary>
    /// Null when the tree is sound, else what is wrong and where (page, file offset). With a <paramref name="range"/>
    /// other than <see cref="KeyRange.All"/> (a shard), only the pages a cursor reading that range can touch are
    /// walked: the subtrees overlapping it, plus the leftmost path of the subtree after it (the cursor steps onto the
    /// first key past the range to see that it is past), and the entry count cannot be compared with the meta page.
    /// </summary>
    public static string? Validate(LmdbPageReader pages, KeyRange range)
    {
        var db = pages.Meta.MainDatabase;
        if (db.Root == LmdbDatabaseRecord.NoRoot)
            return db.Entries == 0 ? null : $"meta page says {db.Entries} entries but the database has no root page";
        var validator = new LmdbTreeValidator(pages, range);
        var error = validator.Walk(db.Root, depth: 1, Scope.InRange, null, null);
        if (error is not null) return error;
        if (range.IsAll && (db.Flags & LmdbDatabaseRecord.DupSort) == 0 && validator._entries != (long)db.Entries)
            return $"the B-tree holds {validator._entries} entries but the meta page says {db.Entries}";
        return null;
    }

    /// <summary>Null when the meta page's page size is one LMDB can have (checked before a page is allocated), else why not.</summary>
    public static string? CheckPageSize(LmdbMetaPage meta) =>
        meta.PageSize is < 512 or > 65536 || (meta.PageSize & (meta.PageSize - 1)) != 0
            ? $"meta page declares an impossible page size {meta.PageSize}"
            : meta.OlderPageSize is { } older
                ? $"the meta pages declare different page sizes ({older} and, in the newer one, {meta.PageSize}), which LMDB never writes"
                : null;

    /// <summary>Which part of a subtree to walk: the part overlapping the range, or only its leftmost path.</summary>
    private enum Scope { InRange, Leftmost }

    /// <param name="low">The subtree's first possible key (null: open), from the parent's separators.</param>
    /// <param name="high">The key its next sibling starts at (null: open).</param>
    private string? Walk(ulong pageNumber, int depth, Scope scope, byte[]? low, byte[]? high)
    {
        if (depth > MaxDepth) return $"page {pageNumber}: B-tree deeper than {MaxDepth} levels (a page cycle)";
        if (_pages.Read(pageNumber) is { } pageError) return pageError;
        if (_pages.IsLeaf2) return null; // fixed-size keys of DUPFIXED sub-databases: no node headers to follow
        var page = _pages.Page;
        var where = _pages.Where;
        var count = _pages.NodeCount;

        // Child page numbers (and, for a shard, separator keys) are collected first: the recursion reuses the page buffer.
        List<ulong>? children = _pages.IsBranch ? new List<ulong>(count) : null;
        List<byte[]>? separators = _pages.IsBranch && !_range.IsAll ? new List<byte[]>(count) : null;
        for (var i = 0; i < count; i++)
        {
            if (_pages.Node(i, out var node) is { } nodeError) return nodeError;
            var keyEnd = node.KeyEnd;
            if (children is not null)
            {
                children.Add(node.ChildPage);
                separators?.Add(_pages.KeyOf(node).ToArray());
                continue;
            }
            var dataSize = node.DataSize;
            if ((node.Flags & NodeBigData) != 0)
            {
                if (keyEnd + 8 > page.Length) return $"{where}: node {i} overflow page number runs past the page end";
                var overflow = BinaryPrimitives.ReadUInt64LittleEndian(page[keyEnd..]);
                var pageCount = _pages.Meta.PageCount;
                var pages = (ulong)((dataSize + LmdbMetaPage.PageHeaderSize + _pages.Meta.PageSize - 1) / _pages.Meta.PageSize);
                if (overflow < 2 || overflow + pages > pageCount)
                    return $"{where}: node {i} value of {dataSize} bytes on overflow page {overflow} would end past the database's {pageCount} pages";
            }
            else if (keyEnd + dataSize > page.Length)
            {
                // Every value but an overflow one lies inside its page, a sub-database record (F_SUBDATA) and a sub-page of
                // duplicates included: liblmdb hands out key + size as the value, so a size past the page is a read past the
                // mapping. They were exempt here: flags 0x3a and 52 MB (mutation tests), F_SUBDATA and 786 MB (AFL++,
                // fuzz/regressions/lmdb) killed the process.
                return $"{where}: node {i} value of {dataSize} bytes runs past the page end";
            }
            if ((node.Flags & NodeDupData) != 0 && (_pages.Meta.MainDatabase.Flags & LmdbDatabaseRecord.DupSort) == 0)
            {
                // liblmdb's cursor opens the duplicates' sub-cursor for an F_DUPDATA node without checking that the database
                // has one (MDB_DUPSORT): in a database without duplicates that flag is damage it would crash on.
                return $"{where}: node {i} has flags 0x{node.Flags:x} (duplicate data) in a database without duplicates";
            }
            if ((node.Flags & NodeDupData) == 0) _entries++;
        }
        if (children is null) return null;
        if (scope == Scope.Leftmost) return Walk(children[0], depth + 1, Scope.Leftmost, low, null);
        if (separators is null)
        {
            foreach (var child in children)
                if (Walk(child, depth + 1, Scope.InRange, null, null) is { } error) return error;
            return null;
        }
        // A branch node's key is the first key its child may hold; node 0's key is implicit (the page's own low bound).
        for (var i = 0; i < children.Count; i++)
        {
            var childLow = i == 0 ? low : separators[i];
            var childHigh = i + 1 < children.Count ? separators[i + 1] : high;
            if (_range.Overlaps(childLow, childLow is null, childHigh, childHigh is null))
            {
                if (Walk(children[i], depth + 1, Scope.InRange, childLow, childHigh) is { } error) return error;
            }
            else if (childLow is not null && !_range.IsBelowEnd(childLow))
            {
                // The first subtree past the range: the cursor reads its first key to see that the range ended.
                return Walk(children[i], depth + 1, Scope.Leftmost, childLow, childHigh);
            }
        }
        return null;
    }
}
