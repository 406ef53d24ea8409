namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The fixed-array chunk index (layout message version 4, fixed maximum dimensions: h5py with
/// libver='latest'). HDF5 file format specification, "Fixed Array": the header ("FAHD", version, client
/// id, entry size, page bits, entry count, data block address, checksum) points to a data block ("FADB",
/// version, client id, header address, then either the entries or, when there are more entries than
/// 2^page bits, a bitmap of initialised pages (most significant bit first), then a checksum; pages of
/// 2^page bits entries, each followed by a checksum, come right after it). An entry is the chunk's
/// address, and for filtered datasets its stored size (entry size - address size - 4 bytes) and filter
/// mask. Entry i is the chunk with linear index i over the maximum dimensions. Never-written chunks have
/// an undefined address, or sit in a page that was never initialised.
/// </summary>
internal sealed class Hdf5FixedArrayChunkIndex : Hdf5ChunkIndex
{
    private readonly Hdf5MetadataReader _metadata;
    private readonly bool _filtered;
    private readonly int _entrySize;
    private readonly long _entries;
    private readonly int _pageBits;
    // Undefined when no chunk was ever written (then there may be no header either).
    private readonly ulong _dataBlock = ulong.MaxValue;
    private readonly byte[] _pageBitmap = [];
    private readonly ulong _firstEntry;

    public Hdf5FixedArrayChunkIndex(Hdf5ChunkGrid grid, Hdf5MetadataReader metadata, ulong headerAddress, int pageBits, bool filtered) : base(grid)
    {
        _metadata = metadata;
        _filtered = filtered;
        var superblock = metadata.Superblock;
        if (superblock.IsUndefined(headerAddress)) return;
        var header = metadata.ReadSigned(headerAddress, 4 + 4 + superblock.LengthSize + superblock.OffsetSize, "FAHD", "fixed-array header");
        header.Skip(2); // version, client id
        _entrySize = header.Byte();
        _pageBits = header.Byte();
        _entries = checked((long)header.Length());
        _dataBlock = header.Address();
        if (_pageBits != pageBits || _entrySize < superblock.OffsetSize + (filtered ? 5 : 0))
            throw new InvalidDataException($"the fixed-array header at offset {superblock.Absolute(headerAddress)} declares {_entrySize}-byte entries and {_pageBits} page bits (damaged index)");
        if (superblock.IsUndefined(_dataBlock)) return;
        var prefix = 4 + 2 + superblock.OffsetSize;
        if (Paged)
        {
            var bitmapBytes = (int)((Pages + 7) / 8);
            _pageBitmap = metadata.ReadSigned(_dataBlock, prefix + bitmapBytes, "FADB", "fixed-array data block").Bytes[prefix..];
            _firstEntry = _dataBlock + (ulong)(prefix + bitmapBytes + 4);
        }
        else
        {
            metadata.ReadSigned(_dataBlock, prefix, "FADB", "fixed-array data block");
            _firstEntry = _dataBlock + (ulong)prefix;
        }
    }

    private bool NothingWritten => _dataBlock == ulong.MaxValue || _metadata.Superblock.IsUndefined(_dataBlock);

    private long EntriesPerPage => 1L << _pageBits;

    private bool Paged => _entries > EntriesPerPage;

    private long Pages => (_entries + EntriesPerPage - 1) / EntriesPerPage;

    public override IEnumerable<Hdf5Chunk> Allocated()
    {
        if (NothingWritten) yield break;
        var scaled = new long[Grid.Dims.Length];
        // A page at a time (or all entries when not paged): bounded reads whatever the entry count.
        var perRead = Paged ? EntriesPerPage : Math.Min(_entries, 1 << 16);
        for (long first = 0; first < _entries; first += perRead)
        {
            var count = Math.Min(perRead, _entries - first);
            if (Paged && !PageInitialised(first / EntriesPerPage)) continue;
            var cursor = new Hdf5Cursor(_metadata.Read(EntryAddress(first), checked((int)(count * _entrySize)), "fixed-array entries"), _metadata.Superblock);
            for (var i = 0L; i < count; i++)
            {
                var chunk = Decode(cursor, first + i, scaled);
                if (chunk is not null) yield return chunk.Value;
            }
        }
    }

    public override Hdf5Chunk? Find(long block, long trailing)
    {
        if (NothingWritten) return null;
        var index = Grid.MaxLinear(block, trailing);
        if (index >= _entries || (Paged && !PageInitialised(index / EntriesPerPage))) return null;
        var cursor = new Hdf5Cursor(_metadata.Read(EntryAddress(index), _entrySize, "fixed-array entry"), _metadata.Superblock);
        return Decode(cursor, index, new long[Grid.Dims.Length]);
    }

    private bool PageInitialised(long page) => (_pageBitmap[page / 8] & (0x80 >> (int)(page % 8))) != 0;

    /// <summary>Entries are packed; in a paged block every full page before the entry adds its checksum.</summary>
    private ulong EntryAddress(long index)
    {
        var checksums = Paged ? index / EntriesPerPage * 4 : 0;
        return _firstEntry + (ulong)(index * _entrySize + checksums);
    }

    private Hdf5Chunk? Decode(Hdf5Cursor cursor, long index, long[] scaled)
    {
        var start = cursor.Position;
        var address = cursor.Address();
        ulong size = (ulong)Grid.ChunkBytes;
        uint mask = 0;
        if (_filtered)
        {
            size = cursor.Unsigned(_entrySize - _metadata.Superblock.OffsetSize - 4);
            mask = cursor.UInt32();
        }
        cursor.Skip(_entrySize - (cursor.Position - start));
        if (_metadata.Superblock.IsUndefined(address)) return null;
        Grid.MaxLinearToScaled(index, scaled);
        return Grid.FromScaled(scaled) is { } place ? new Hdf5Chunk(place.Block, place.Trailing, address, size, mask) : null;
    }
}
