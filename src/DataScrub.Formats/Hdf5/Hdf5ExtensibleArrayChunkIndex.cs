using System.Numerics;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The extensible-array chunk index (layout message version 4, one unlimited dimension: h5py with libver='latest' and
/// maxshape=(None, ...), the appendable datasets data pipelines write). HDF5 file format specification, "Extensible
/// Array", and the library's H5EAhdr.c / H5EA.c: the header ("EAHD") gives the entry size, the number of bits of the
/// largest index, the entries the index block holds itself, the smallest data block, the data block pointers the index
/// block holds and the page size, then statistics (the highest index ever set among them) and the index block's address.
/// The index block ("EAIB") holds the first entries, then the addresses of the first data blocks, then those of super
/// blocks ("EASB"), each listing its data blocks' addresses (and, when they are paged, which pages were initialised).
/// A data block ("EADB") holds its entries, or, when larger than a page, pages of entries each with its own checksum.
/// Super block u holds 2^floor(u/2) data blocks of (min entries) x 2^floor((u+1)/2) entries. Entry i is the chunk
/// with linear index i over the dimensions, the unlimited one first (only that case is read here: the others, rare,
/// stay with PureHDF). Never-written chunks have an undefined address, or sit in a block or page never allocated.
/// <para>Every structure's checksum is checked, as the library checks it; a walk visits each block once and never
/// past the highest index the header says was set, so a damaged array costs at most a read of the file.</para>
/// </summary>
internal sealed class Hdf5ExtensibleArrayChunkIndex : Hdf5ChunkIndex
{
    private const int BlockCacheSize = 64;

    private readonly Hdf5MetadataReader _metadata;
    private readonly ulong _headerAddress;
    private readonly bool _filtered;
    private readonly int _entrySize;
    private readonly long _indexBlockEntries;
    private readonly long _pageEntries;
    private readonly int _arrayOffsetSize;
    private readonly ulong _indexSetLimit;
    private readonly SuperBlock[] _superBlocks = [];
    private readonly int _indexBlockSuperBlocks;
    // The index block's entries, data block addresses and super block addresses; null when nothing was ever written.
    private readonly byte[]? _indexBlock;
    private readonly int _indexBlockDataBlocksAt;
    private readonly int _indexBlockSuperBlocksAt;
    private readonly Dictionary<ulong, byte[]> _cache = [];
    // Chunks per row block over the maximum dimensions: entry i is in row block i / this.
    private readonly long _trailingMax;

    /// <summary>Super block u's geometry (H5EA_sblk_info_t): its data blocks, their entries, and the index of its
    /// first entry and data block counted after the index block's own entries.</summary>
    private readonly record struct SuperBlock(long DataBlocks, long DataBlockEntries, ulong StartIndex, long StartDataBlock);

    public Hdf5ExtensibleArrayChunkIndex(Hdf5ChunkGrid grid, Hdf5MetadataReader metadata, ulong headerAddress, bool filtered) : base(grid)
    {
        _metadata = metadata;
        _headerAddress = headerAddress;
        _filtered = filtered;
        var superblock = metadata.Superblock;
        try
        {
            _trailingMax = grid.MaxScaled.Skip(1).Aggregate(1L, (a, m) => checked(a * m));
        }
        catch (OverflowException)
        {
            throw new InvalidDataException($"the maximum dimensions [{string.Join(",", grid.MaxScaled)}] chunks hold more than 2^63 chunks per row block (damaged dataspace)");
        }
        if (superblock.IsUndefined(headerAddress)) return;
        int sa = superblock.OffsetSize, ls = superblock.LengthSize;
        var at = superblock.Absolute(headerAddress);
        var header = metadata.ReadChecksummed(headerAddress, 12 + 6 * ls + sa + 4, "EAHD", "extensible-array header");
        var version = header.Byte();
        var client = header.Byte();
        _entrySize = header.Byte();
        int maxIndexBits = header.Byte();
        _indexBlockEntries = header.Byte();
        long dataBlockMinEntries = header.Byte();
        long superBlockMinDataBlocks = header.Byte();
        int pageBits = header.Byte();
        header.Skip(4 * ls); // super and data blocks created and their sizes
        var maxIndexSet = header.Length();
        header.Skip(ls); // entries realised
        var indexBlock = header.Address();
        var entryFits = filtered ? _entrySize > sa + 4 && _entrySize <= sa + 8 + 4 : _entrySize == sa;
        if (version != 0 || client != (filtered ? 1 : 0) || !entryFits || maxIndexBits is < 1 or > 63 || _indexBlockEntries == 0
            || !BitOperations.IsPow2(dataBlockMinEntries) || !BitOperations.IsPow2(superBlockMinDataBlocks) || superBlockMinDataBlocks < 2
            || BitOperations.Log2((ulong)dataBlockMinEntries) >= maxIndexBits || pageBits > maxIndexBits)
            throw new InvalidDataException($"the extensible-array header at offset {at} declares version {version}, class {client}, {_entrySize}-byte entries, {maxIndexBits} index bits, " +
                                           $"{_indexBlockEntries} index-block entries, data blocks of at least {dataBlockMinEntries}, {superBlockMinDataBlocks} data block pointers, {pageBits} page bits (damaged index)");
        _pageEntries = 1L << pageBits;
        _arrayOffsetSize = (maxIndexBits + 7) / 8;
        _indexSetLimit = maxIndexSet;
        if (superblock.IsUndefined(indexBlock)) return;

        // Geometry (H5EA__hdr_init).
        var count = 1 + maxIndexBits - BitOperations.Log2((ulong)dataBlockMinEntries);
        _superBlocks = new SuperBlock[count];
        ulong startIndex = 0;
        long startDataBlock = 0;
        for (var u = 0; u < count; u++)
        {
            _superBlocks[u] = new SuperBlock(1L << (u / 2), dataBlockMinEntries << ((u + 1) / 2), startIndex, startDataBlock);
            startIndex += (ulong)(_superBlocks[u].DataBlocks * _superBlocks[u].DataBlockEntries);
            startDataBlock += _superBlocks[u].DataBlocks;
        }
        _indexBlockSuperBlocks = 2 * BitOperations.Log2((ulong)superBlockMinDataBlocks);
        var dataBlockPointers = 2 * (superBlockMinDataBlocks - 1);
        var superBlockPointers = count - _indexBlockSuperBlocks;
        if (superBlockPointers < 0)
            throw new InvalidDataException($"the extensible-array header at offset {at} puts {_indexBlockSuperBlocks} super blocks' data blocks in the index block, of {count} (damaged index)");
        _indexBlockDataBlocksAt = checked((int)(6 + sa + _indexBlockEntries * _entrySize));
        _indexBlockSuperBlocksAt = checked((int)(_indexBlockDataBlocksAt + dataBlockPointers * sa));
        var block = metadata.ReadChecksummed(indexBlock, checked(_indexBlockSuperBlocksAt + superBlockPointers * sa + 4), "EAIB", "extensible-array index block");
        CheckPrefix(block, indexBlock, "index block");
        _indexBlock = block.Bytes;
    }

    private int OffsetSize => _metadata.Superblock.OffsetSize;

    /// <summary>Entry indexes past this were never set: the header's highest index set, and the last chunk of the
    /// current dimensions.</summary>
    private ulong Limit => Math.Min(_indexSetLimit, Grid.Blocks <= 0 ? 0 : (ulong)Grid.MaxLinear(Grid.Blocks - 1, Grid.TrailingChunks - 1) + 1);

    public override IEnumerable<Hdf5Chunk> Allocated()
    {
        if (_indexBlock is null) yield break;
        var limit = Limit;
        var scaled = new long[Grid.Dims.Length];
        for (var i = 0L; i < _indexBlockEntries && (ulong)i < limit; i++)
            if (Decode(_indexBlock, checked((int)(6 + OffsetSize + i * _entrySize)), (ulong)i, scaled) is { } chunk) yield return chunk;
        var visited = new HashSet<ulong>();
        for (var u = 0; u < _superBlocks.Length; u++)
        {
            var info = _superBlocks[u];
            var first = (ulong)_indexBlockEntries + info.StartIndex;
            if (first >= limit) yield break;
            var (addresses, pageInit) = DataBlocks(u, visited);
            for (var d = 0L; d < info.DataBlocks; d++)
            {
                var blockFirst = first + (ulong)(d * info.DataBlockEntries);
                if (blockFirst >= limit) yield break;
                if (addresses is null || _metadata.Superblock.IsUndefined(addresses[d])) continue;
                if (!visited.Add(addresses[d]))
                    throw new InvalidDataException($"the extensible-array data block at offset {_metadata.Superblock.Absolute(addresses[d])} is listed twice (damaged index)");
                var paged = info.DataBlockEntries > _pageEntries;
                var pages = paged ? info.DataBlockEntries / _pageEntries : 1;
                var perPage = paged ? _pageEntries : info.DataBlockEntries;
                for (var p = 0L; p < pages; p++)
                {
                    var pageFirst = blockFirst + (ulong)(p * perPage);
                    if (pageFirst >= limit) yield break;
                    if (paged && pageInit is not null && !PageInitialised(pageInit, d, pages, p)) continue;
                    var (bytes, offset) = Entries(addresses[d], info.DataBlockEntries, paged, p, cache: false);
                    for (var i = 0L; i < perPage && pageFirst + (ulong)i < limit; i++)
                        if (Decode(bytes, checked((int)(offset + i * _entrySize)), pageFirst + (ulong)i, scaled) is { } chunk) yield return chunk;
                }
            }
        }
    }

    public override Hdf5Chunk? Find(long block, long trailing)
    {
        if (_indexBlock is null) return null;
        var index = (ulong)Grid.MaxLinear(block, trailing);
        if (index >= Limit) return null;
        var scaled = new long[Grid.Dims.Length];
        if (index < (ulong)_indexBlockEntries) return Decode(_indexBlock, checked((int)(6 + OffsetSize + (long)index * _entrySize)), index, scaled);
        var i = index - (ulong)_indexBlockEntries;
        var u = BitOperations.Log2(i / (ulong)_superBlocks[0].DataBlockEntries + 1); // H5EA__dblock_sblk_idx
        if (u >= _superBlocks.Length) return null;
        var info = _superBlocks[u];
        var local = i - info.StartIndex;
        var d = (long)(local / (ulong)info.DataBlockEntries);
        var within = (long)(local % (ulong)info.DataBlockEntries);
        var (addresses, pageInit) = DataBlocks(u, visited: null);
        if (addresses is null || _metadata.Superblock.IsUndefined(addresses[d])) return null;
        var paged = info.DataBlockEntries > _pageEntries;
        var page = paged ? within / _pageEntries : 0;
        if (paged && pageInit is not null && !PageInitialised(pageInit, d, info.DataBlockEntries / _pageEntries, page)) return null;
        var (bytes, offset) = Entries(addresses[d], info.DataBlockEntries, paged, page, cache: true);
        var inPage = paged ? within % _pageEntries : within;
        return Decode(bytes, checked((int)(offset + inPage * _entrySize)), index, scaled);
    }

    /// <summary>Super block u's data block addresses (null when the super block was never allocated) and, for a super
    /// block whose data blocks are paged, its page-initialised bitmap (null for the index block's data blocks, whose
    /// pages are created with them).</summary>
    private (ulong[]? Addresses, byte[]? PageInit) DataBlocks(int u, HashSet<ulong>? visited)
    {
        var info = _superBlocks[u];
        var sa = OffsetSize;
        var superblock = _metadata.Superblock;
        if (u < _indexBlockSuperBlocks)
        {
            var addresses = new ulong[info.DataBlocks];
            for (var d = 0; d < info.DataBlocks; d++)
                addresses[d] = Hdf5Superblock.ReadUnsigned(_indexBlock.AsSpan(checked((int)(_indexBlockDataBlocksAt + (info.StartDataBlock + d) * sa)), sa));
            return (addresses, null);
        }
        var address = Hdf5Superblock.ReadUnsigned(_indexBlock.AsSpan(_indexBlockSuperBlocksAt + (u - _indexBlockSuperBlocks) * sa, sa));
        if (superblock.IsUndefined(address)) return (null, null);
        if (visited is not null && !visited.Add(address))
            throw new InvalidDataException($"the extensible-array super block at offset {superblock.Absolute(address)} is listed twice (damaged index)");
        var pages = info.DataBlockEntries > _pageEntries ? info.DataBlockEntries / _pageEntries : 0;
        var bitmapBytes = pages == 0 ? 0 : (pages + 7) / 8 * info.DataBlocks;
        var prefix = 6 + sa + _arrayOffsetSize;
        var bytes = Cached(address, checked((int)(prefix + bitmapBytes + info.DataBlocks * sa + 4)), "EASB", "extensible-array super block", cache: visited is null);
        var list = new ulong[info.DataBlocks];
        for (var d = 0; d < info.DataBlocks; d++)
            list[d] = Hdf5Superblock.ReadUnsigned(bytes.AsSpan(checked((int)(prefix + bitmapBytes + d * sa)), sa));
        return (list, pages == 0 ? null : bytes[prefix..checked((int)(prefix + bitmapBytes))]);
    }

    private static bool PageInitialised(byte[] bitmap, long dataBlock, long pagesPerBlock, long page)
    {
        // The library sizes the bitmap (pages + 7) / 8 bytes per data block but numbers the bits straight on
        // (H5EA__lookup_elmt: data block x pages + page), most significant bit first.
        var bit = dataBlock * pagesPerBlock + page;
        return (bitmap[bit / 8] & (0x80 >> (int)(bit % 8))) != 0;
    }

    /// <summary>The bytes holding a data block's entries (or one page of them) and where the first entry is.</summary>
    private (byte[] Bytes, long Offset) Entries(ulong dataBlock, long entries, bool paged, long page, bool cache)
    {
        var prefix = 6 + OffsetSize + _arrayOffsetSize;
        if (!paged)
            return (Cached(dataBlock, checked((int)(prefix + entries * _entrySize + 4)), "EADB", "extensible-array data block", cache), prefix);
        Cached(dataBlock, prefix + 4, "EADB", "extensible-array data block", cache);
        var pageBytes = _pageEntries * _entrySize + 4;
        var pageAddress = checked(dataBlock + (ulong)(prefix + 4 + page * pageBytes));
        return (Cached(pageAddress, checked((int)pageBytes), null, "extensible-array data block page", cache), 0);
    }

    private byte[] Cached(ulong address, int length, string? signature, string what, bool cache)
    {
        if (_cache.TryGetValue(address, out var bytes) && bytes.Length == length) return bytes;
        var cursor = _metadata.ReadChecksummed(address, length, signature, what);
        if (signature is not null) CheckPrefix(cursor, address, what);
        if (!cache) return cursor.Bytes;
        if (_cache.Count >= BlockCacheSize) _cache.Clear();
        _cache[address] = cursor.Bytes;
        return cursor.Bytes;
    }

    /// <summary>Version 0, the chunk class the dataset's filters call for, and this array's header address.</summary>
    private void CheckPrefix(Hdf5Cursor block, ulong address, string what)
    {
        var copy = new Hdf5Cursor(block.Bytes, _metadata.Superblock);
        copy.Skip(4);
        var version = copy.Byte();
        var client = copy.Byte();
        var header = copy.Address();
        if (version != 0 || client != (_filtered ? 1 : 0) || header != _headerAddress)
            throw new InvalidDataException($"the extensible-array {what} at offset {_metadata.Superblock.Absolute(address)} declares version {version}, class {client}, header 0x{header:x} (damaged index)");
    }

    private Hdf5Chunk? Decode(byte[] bytes, int offset, ulong index, long[] scaled)
    {
        var cursor = new Hdf5Cursor(bytes, _metadata.Superblock);
        cursor.Skip(offset);
        var address = cursor.Address();
        ulong size = (ulong)Grid.ChunkBytes;
        uint mask = 0;
        if (_filtered)
        {
            size = cursor.Unsigned(_entrySize - OffsetSize - 4);
            mask = cursor.UInt32();
        }
        if (_metadata.Superblock.IsUndefined(address)) return null;
        // Entry i is the chunk with linear index i, the unlimited first dimension slowest: no maximum bounds it.
        var trailingMax = _trailingMax;
        if (trailingMax <= 0) return null;
        var rest = (long)(index % (ulong)trailingMax);
        for (var i = scaled.Length - 1; i >= 1; i--)
        {
            scaled[i] = rest % Grid.MaxScaled[i];
            rest /= Grid.MaxScaled[i];
        }
        scaled[0] = (long)(index / (ulong)trailingMax);
        return Grid.FromScaled(scaled) is { } place ? new Hdf5Chunk(place.Block, place.Trailing, address, size, mask) : null;
    }
}
