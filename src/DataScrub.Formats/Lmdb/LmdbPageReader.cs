using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace DataScrub.Formats.Lmdb;

/// <summary>
/// Reads one branch or leaf page of an LMDB data file at a time into a reused buffer and checks what every reader
/// of it relies on (page number, header, flags, free-space bounds, node offsets, key lengths) before anything is
/// parsed, so that a damaged page is an error message (page, file offset), never an out-of-range read. Shared by
/// <see cref="LmdbTreeValidator"/> and <see cref="LmdbUnitSplitter"/>, so the same damage reads the same in both.
/// </summary>
internal sealed class LmdbPageReader
{
    public const ushort PageBranch = 0x01;
    public const ushort PageLeaf = 0x02;
    public const ushort PageLeaf2 = 0x20;
    public const int NodeHeaderSize = 8;

    private readonly SafeFileHandle _file;
    private readonly LmdbMetaPage _meta;
    private readonly byte[] _page;

    public LmdbPageReader(SafeFileHandle file, LmdbMetaPage meta)
    {
        _file = file;
        _meta = meta;
        _page = new byte[meta.PageSize];
    }

    public LmdbMetaPage Meta => _meta;

    /// <summary>The page last read by <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> Page => _page;

    public ulong PageNumber { get; private set; }

    /// <summary>"page N (offset O)", for messages about the current page.</summary>
    public string Where => $"page {PageNumber} (offset {(long)PageNumber * _meta.PageSize})";

    public bool IsBranch { get; private set; }

    /// <summary>A LEAF2 page (fixed-size keys of a DUPFIXED sub-database) has no node headers.</summary>
    public bool IsLeaf2 { get; private set; }

    public int NodeCount { get; private set; }

    /// <summary>Where the node area starts (mp_upper); node offsets below it are damage.</summary>
    public int Upper { get; private set; }

    /// <summary>How many pages were read so far (for the bytes a reader touched).</summary>
    public long PagesRead { get; private set; }

    /// <summary>Reads and checks page <paramref name="pageNumber"/>; null when sound, else what is wrong and where.</summary>
    public string? Read(ulong pageNumber)
    {
        if (pageNumber < 2 || pageNumber >= _meta.PageCount)
            return $"page number {pageNumber} is outside the database's {_meta.PageCount} pages";
        if (pageNumber > (ulong)(long.MaxValue / _meta.PageSize))
            return $"page number {pageNumber} lies beyond any file of {_meta.PageSize}-byte pages";
        PageNumber = pageNumber;
        var offset = (long)pageNumber * _meta.PageSize;
        PagesRead++;
        if (RandomAccess.Read(_file, _page, offset) != _page.Length)
            return $"page {pageNumber} (offset {offset}) cannot be read completely";
        ReadOnlySpan<byte> page = _page;
        var storedNumber = BinaryPrimitives.ReadUInt64LittleEndian(page);
        if (storedNumber != pageNumber) return $"{Where}: header names page {storedNumber}";
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(page[10..]);
        var lower = BinaryPrimitives.ReadUInt16LittleEndian(page[12..]);
        var upper = BinaryPrimitives.ReadUInt16LittleEndian(page[14..]);
        if ((flags & (PageBranch | PageLeaf)) == 0 || (flags & PageBranch) != 0 && (flags & PageLeaf) != 0)
            return $"{Where}: flags 0x{flags:x} are neither a branch nor a leaf page";
        if (lower < LmdbMetaPage.PageHeaderSize || lower > upper || upper > page.Length || (lower & 1) != 0)
            return $"{Where}: free-space bounds {lower}..{upper} are impossible";
        IsBranch = (flags & PageBranch) != 0;
        IsLeaf2 = (flags & PageLeaf2) != 0;
        Upper = upper;
        NodeCount = (lower - LmdbMetaPage.PageHeaderSize) / 2;
        if (!IsLeaf2 && NodeCount == 0) return $"{Where}: no nodes";
        return null;
    }

    /// <summary>Node <paramref name="i"/> of the current page, its header and key checked to lie inside the page.</summary>
    public string? Node(int i, out LmdbNode node)
    {
        ReadOnlySpan<byte> page = _page;
        node = default;
        int at = BinaryPrimitives.ReadUInt16LittleEndian(page[(LmdbMetaPage.PageHeaderSize + 2 * i)..]);
        if (at < Upper || at + NodeHeaderSize > page.Length)
            return $"{Where}: node {i} at {at} lies outside the page's node area";
        var keySize = BinaryPrimitives.ReadUInt16LittleEndian(page[(at + 6)..]);
        if (at + NodeHeaderSize + keySize > page.Length) return $"{Where}: node {i} key of {keySize} bytes runs past the page end";
        node = new LmdbNode(
            at,
            BinaryPrimitives.ReadUInt16LittleEndian(page[at..]),
            BinaryPrimitives.ReadUInt16LittleEndian(page[(at + 2)..]),
            BinaryPrimitives.ReadUInt16LittleEndian(page[(at + 4)..]),
            keySize);
        return null;
    }

    public ReadOnlySpan<byte> KeyOf(in LmdbNode node) => _page.AsSpan(node.Offset + NodeHeaderSize, node.KeySize);
}

/// <summary>MDB_node's header: <c>lo, hi</c> (data size, or on a branch page the child page number's low 32 bits),
/// flags (on a branch page the page number's bits 32..47) and the key size.</summary>
internal readonly record struct LmdbNode(int Offset, ushort Lo, ushort Hi, ushort Flags, ushort KeySize)
{
    public ulong ChildPage => Lo | (ulong)Hi << 16 | (ulong)Flags << 32;

    public long DataSize => Lo | (long)Hi << 16;

    public int KeyEnd => Offset + LmdbPageReader.NodeHeaderSize + KeySize;
}
