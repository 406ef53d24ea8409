using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace DataScrub.Formats.Lmdb;

/// <summary>
/// Walks the main database's B-tree (branch and leaf pages; overflow pages only by their bounds) and
/// checks that every page number, node and value LMDB will follow stays inside the file. liblmdb trusts
/// its pages: a flipped byte in a node header makes it read past the end of the mapping and the
/// process dies with SIGBUS, which no exception handler can catch. After this walk, the cursor only
/// meets structure that was checked, so damage becomes one clear error (exit 3) instead of a crash.
/// Cost: one read of each branch/leaf page (a few MB for millions of records); values are not read.
/// </summary>
internal sealed class LmdbTreeValidator
{
    private const ushort PageBranch = 0x01;
    private const ushort PageLeaf = 0x02;
    private const ushort PageLeaf2 = 0x20;
    private const ushort NodeBigData = 0x01;
    private const ushort NodeSubData = 0x02;
    private const ushort NodeDupData = 0x04;
    private const int NodeHeaderSize = 8;
    private const int MaxDepth = 64;

    private readonly SafeFileHandle _file;
    private readonly LmdbMetaPage _meta;
    private readonly byte[] _page;
    private long _entries;

    private LmdbTreeValidator(SafeFileHandle file, LmdbMetaPage meta)
    {
        _file = file;
        _meta = meta;
        _page = new byte[meta.PageSize];
    }

    /// <summary>Null when the tree is sound, else what is wrong and where (page, file offset).</summary>
    public static string? Validate(string dataFile, LmdbMetaPage meta)
    {
        if (meta.PageSize is < 512 or > 65536 || (meta.PageSize & (meta.PageSize - 1)) != 0)
            return $"meta page declares an impossible page size {meta.PageSize}";
        var db = meta.MainDatabase;
        if (db.Root == LmdbDatabaseRecord.NoRoot)
            return db.Entries == 0 ? null : $"meta page says {db.Entries} entries but the database has no root page";
        using var file = File.OpenHandle(dataFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var validator = new LmdbTreeValidator(file, meta);
        var error = validator.Walk(db.Root, depth: 1);
        if (error is not null) return error;
        if ((db.Flags & LmdbDatabaseRecord.DupSort) == 0 && validator._entries != (long)db.Entries)
            return $"the B-tree holds {validator._entries} entries but the meta page says {db.Entries}";
        return null;
    }

    private string? Walk(ulong pageNumber, int depth)
    {
        if (depth > MaxDepth) return $"page {pageNumber}: B-tree deeper than {MaxDepth} levels (a page cycle)";
        if (pageNumber < 2 || pageNumber >= _meta.PageCount)
            return $"page number {pageNumber} is outside the database's {_meta.PageCount} pages";
        var offset = (long)pageNumber * _meta.PageSize;
        if (RandomAccess.Read(_file, _page, offset) != _page.Length)
            return $"page {pageNumber} (offset {offset}) cannot be read completely";
        ReadOnlySpan<byte> page = _page;
        var where = $"page {pageNumber} (offset {offset})";
        var storedNumber = BinaryPrimitives.ReadUInt64LittleEndian(page);
        if (storedNumber != pageNumber) return $"{where}: header names page {storedNumber}";
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(page[10..]);
        var lower = BinaryPrimitives.ReadUInt16LittleEndian(page[12..]);
        var upper = BinaryPrimitives.ReadUInt16LittleEndian(page[14..]);
        if ((flags & (PageBranch | PageLeaf)) == 0 || (flags & PageBranch) != 0 && (flags & PageLeaf) != 0)
            return $"{where}: flags 0x{flags:x} are neither a branch nor a leaf page";
        if (lower < LmdbMetaPage.PageHeaderSize || lower > upper || upper > page.Length || (lower & 1) != 0)
            return $"{where}: free-space bounds {lower}..{upper} are impossible";
        if ((flags & PageLeaf2) != 0) return null; // fixed-size keys of DUPFIXED sub-databases: no node headers to follow
        var count = (lower - LmdbMetaPage.PageHeaderSize) / 2;
        var isBranch = (flags & PageBranch) != 0;
        if (count == 0) return $"{where}: no nodes";

        // Child page numbers are collected first: the recursion reuses the page buffer.
        List<ulong>? children = isBranch ? new List<ulong>(count) : null;
        for (var i = 0; i < count; i++)
        {
            int node = BinaryPrimitives.ReadUInt16LittleEndian(page[(LmdbMetaPage.PageHeaderSize + 2 * i)..]);
            if (node < upper || node + NodeHeaderSize > page.Length)
                return $"{where}: node {i} at {node} lies outside the page's node area";
            var lo = BinaryPrimitives.ReadUInt16LittleEndian(page[node..]);
            var hi = BinaryPrimitives.ReadUInt16LittleEndian(page[(node + 2)..]);
            var nodeFlags = BinaryPrimitives.ReadUInt16LittleEndian(page[(node + 4)..]);
            var keySize = BinaryPrimitives.ReadUInt16LittleEndian(page[(node + 6)..]);
            var keyEnd = node + NodeHeaderSize + keySize;
            if (keyEnd > page.Length) return $"{where}: node {i} key of {keySize} bytes runs past the page end";
            if (isBranch)
            {
                children!.Add(lo | (ulong)hi << 16 | (ulong)nodeFlags << 32);
                continue;
            }
            var dataSize = lo | (long)hi << 16;
            if ((nodeFlags & NodeBigData) != 0)
            {
                if (keyEnd + 8 > page.Length) return $"{where}: node {i} overflow page number runs past the page end";
                var overflow = BinaryPrimitives.ReadUInt64LittleEndian(page[keyEnd..]);
                var pages = (ulong)((dataSize + LmdbMetaPage.PageHeaderSize + _meta.PageSize - 1) / _meta.PageSize);
                if (overflow < 2 || overflow + pages > _meta.PageCount)
                    return $"{where}: node {i} value of {dataSize} bytes on overflow page {overflow} would end past the database's {_meta.PageCount} pages";
            }
            else if ((nodeFlags & NodeSubData) == 0 && keyEnd + dataSize > page.Length)
            {
                return $"{where}: node {i} value of {dataSize} bytes runs past the page end";
            }
            if ((nodeFlags & NodeDupData) == 0) _entries++;
        }
        if (children is null) return null;
        foreach (var child in children)
            if (Walk(child, depth + 1) is { } error) return error;
        return null;
    }
}
