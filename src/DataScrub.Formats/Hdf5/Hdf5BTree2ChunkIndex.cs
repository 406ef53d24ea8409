using System.Numerics;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The version-2 B-tree chunk index (layout message version 4, more than one unlimited dimension: h5py with
/// libver='latest' and maxshape=(None, None)). HDF5 file format specification, "Version 2 B-trees", and the library's
/// H5B2hdr.c / H5B2cache.c / H5Dbtree2.c: the header ("BTHD") gives the record type (10 unfiltered, 11 filtered chunks),
/// node size, record size, depth, the root's address and record count and the tree's record count. Internal nodes
/// ("BTIN") hold records, then one pointer per child: its address, its record count and, above depth 1, the records of
/// its whole subtree, in fields as wide as the largest such count needs. Leaves ("BTLF") hold records. A record is the
/// chunk's address, for filtered chunks its stored size and filter mask, then its scaled offset along each dimension
/// (8 bytes each); records are sorted by scaled offset, which is the grid's (block, trailing) order. Only written chunks
/// have a record.
/// <para>Every node's checksum is checked, as the library checks it. A walk visits each node once and needs the records
/// strictly increasing, so a damaged tree (a child listed twice, records out of order) ends it at the first repeat,
/// instead of walking one subtree again and again.</para>
/// </summary>
internal sealed class Hdf5BTree2ChunkIndex : Hdf5ChunkIndex
{
    /// <summary>Deeper trees than this are damaged: one of depth 16 with the smallest nodes would hold more records than a file has bytes.</summary>
    private const int MaxDepth = 32;

    private const int NodeCacheSize = 256;

    private const int PrefixSize = 4 + 1 + 1 + 4; // signature, version, type, checksum (H5B2_METADATA_PREFIX_SIZE)

    private readonly Hdf5MetadataReader _metadata;
    private readonly bool _filtered;
    private readonly int _nodeSize;
    private readonly int _recordSize;
    private readonly int _depth;
    private readonly ulong _root;
    private readonly int _rootRecords;
    private readonly ulong _totalRecords;
    private readonly int _recordCountSize;
    // Per depth: the most records a node holds, and the width of the subtree record count pointing to it.
    private readonly long[] _maxRecords = [];
    private readonly int[] _subtreeCountSize = [];
    private readonly Dictionary<ulong, Node> _cache = [];

    private sealed record Node(int Depth, long[][] Scaled, ulong[] Addresses, ulong[] Sizes, uint[] Masks, ulong[] Children, int[] ChildRecords);

    public Hdf5BTree2ChunkIndex(Hdf5ChunkGrid grid, Hdf5MetadataReader metadata, ulong headerAddress, bool filtered) : base(grid)
    {
        _metadata = metadata;
        _filtered = filtered;
        var superblock = metadata.Superblock;
        _root = ulong.MaxValue;
        if (superblock.IsUndefined(headerAddress)) return;
        int sa = superblock.OffsetSize, ls = superblock.LengthSize;
        var at = superblock.Absolute(headerAddress);
        var header = metadata.ReadChecksummed(headerAddress, 4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + sa + 2 + ls + 4, "BTHD", "chunk B-tree (version 2) header");
        var version = header.Byte();
        var type = header.Byte();
        var nodeSize = header.UInt32();
        _recordSize = header.UInt16();
        _depth = header.UInt16();
        header.Skip(2); // split and merge percentages
        _root = header.Address();
        _rootRecords = header.UInt16();
        _totalRecords = header.Length();
        var rank = grid.Dims.Length;
        var sizeWidth = _recordSize - sa - 4 - 8 * rank;
        var recordFits = filtered ? sizeWidth is >= 1 and <= 8 : _recordSize == sa + 8 * rank;
        if (version != 0 || type != (filtered ? 11 : 10) || !recordFits || nodeSize < PrefixSize + (ulong)_recordSize || nodeSize > int.MaxValue || _depth > MaxDepth)
            throw new InvalidDataException($"the chunk B-tree (version 2) header at offset {at} declares version {version}, record type {type}, {_recordSize}-byte records, {nodeSize}-byte nodes, depth {_depth} (damaged index)");
        _nodeSize = (int)nodeSize;

        // Node geometry (H5B2__hdr_init).
        _maxRecords = new long[_depth + 1];
        _subtreeCountSize = new int[_depth + 1];
        var cumulative = new UInt128[_depth + 1];
        _maxRecords[0] = (_nodeSize - PrefixSize) / _recordSize;
        cumulative[0] = (UInt128)_maxRecords[0];
        _recordCountSize = BitOperations.Log2((ulong)_maxRecords[0]) / 8 + 1;
        for (var d = 1; d <= _depth; d++)
        {
            var pointer = PointerSize(d);
            _maxRecords[d] = (_nodeSize - (PrefixSize + pointer)) / (_recordSize + pointer);
            if (_maxRecords[d] <= 0)
                throw new InvalidDataException($"the chunk B-tree (version 2) header at offset {at} declares {_nodeSize}-byte nodes, too small for an internal node at depth {d} (damaged index)");
            cumulative[d] = (UInt128)(_maxRecords[d] + 1) * cumulative[d - 1] + (UInt128)_maxRecords[d];
            var bits = cumulative[d] > ulong.MaxValue ? 64 : BitOperations.Log2((ulong)cumulative[d]);
            _subtreeCountSize[d] = Math.Min(8, bits / 8 + 1);
        }
    }

    private bool NothingWritten => _metadata.Superblock.IsUndefined(_root) || _rootRecords == 0;

    /// <summary>A child pointer's bytes in a node at <paramref name="depth"/> (H5B2_INT_POINTER_SIZE).</summary>
    private int PointerSize(int depth) => _metadata.Superblock.OffsetSize + _recordCountSize + (depth > 1 ? _subtreeCountSize[depth - 1] : 0);

    public override IEnumerable<Hdf5Chunk> Allocated()
    {
        if (NothingWritten) yield break;
        var visited = new HashSet<ulong>();
        long[]? previous = null;
        ulong seen = 0;
        // In order, without recursion: a stack of (node, next child).
        var stack = new Stack<(Node Node, int Next)>();
        stack.Push((ReadNode(_root, _depth, _rootRecords, visited), 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (node.Depth > 0 && next <= node.Addresses.Length)
            {
                // Child `next`, then (after it) record `next`.
                stack.Push((node, next + 1));
                if (next > 0 && Record(node, next - 1, ref previous, ref seen) is { } inner) yield return inner;
                stack.Push((ReadNode(node.Children[next], node.Depth - 1, node.ChildRecords[next], visited), 0));
                continue;
            }
            if (node.Depth == 0)
                for (var k = 0; k < node.Addresses.Length; k++)
                    if (Record(node, k, ref previous, ref seen) is { } chunk) yield return chunk;
        }
        if (seen != _totalRecords)
            throw new InvalidDataException($"the chunk B-tree (version 2) holds {seen} records, not the {_totalRecords} its header counts (damaged index)");
    }

    /// <summary>Record k of a node as a chunk (null outside the current dimensions), after checking it comes after the
    /// previous record of the walk.</summary>
    private Hdf5Chunk? Record(Node node, int k, ref long[]? previous, ref ulong seen)
    {
        var scaled = node.Scaled[k];
        if (previous is not null && Compare(previous, scaled) >= 0)
            throw new InvalidDataException($"the chunk B-tree (version 2) lists chunk [{string.Join(",", scaled)}] after [{string.Join(",", previous)}] (damaged index: records out of order or listed twice)");
        previous = scaled;
        seen++;
        return ToChunk(node, k);
    }

    public override Hdf5Chunk? Find(long block, long trailing)
    {
        if (NothingWritten) return null;
        var target = new long[Grid.Dims.Length];
        Grid.ToScaled(block, trailing, target);
        var node = ReadNode(_root, _depth, _rootRecords, visited: null);
        while (true)
        {
            // The first record at or after the target.
            var k = 0;
            while (k < node.Addresses.Length && Compare(node.Scaled[k], target) < 0) k++;
            if (k < node.Addresses.Length && Compare(node.Scaled[k], target) == 0) return ToChunk(node, k);
            if (node.Depth == 0) return null;
            node = ReadNode(node.Children[k], node.Depth - 1, node.ChildRecords[k], visited: null);
        }
    }

    private Hdf5Chunk? ToChunk(Node node, int k) =>
        Grid.FromScaled(node.Scaled[k]) is { } place ? new Hdf5Chunk(place.Block, place.Trailing, node.Addresses[k], node.Sizes[k], node.Masks[k]) : null;

    private static int Compare(long[] a, long[] b)
    {
        for (var i = 0; i < a.Length; i++)
            if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
        return 0;
    }

    private Node ReadNode(ulong address, int depth, int records, HashSet<ulong>? visited)
    {
        var superblock = _metadata.Superblock;
        if (visited is not null && !visited.Add(address))
            throw new InvalidDataException($"the chunk B-tree (version 2) node at offset {superblock.Absolute(address)} is listed twice (damaged index)");
        if (_cache.TryGetValue(address, out var cached) && cached.Depth == depth && cached.Addresses.Length == records) return cached;
        if (records > _maxRecords[depth])
            throw new InvalidDataException($"a chunk B-tree (version 2) node at offset {superblock.Absolute(address)} is said to hold {records} records, more than its {_maxRecords[depth]} (damaged index)");
        var pointers = depth == 0 ? 0 : (records + 1) * PointerSize(depth);
        var leaf = depth == 0;
        var cursor = _metadata.ReadChecksummed(address, 6 + records * _recordSize + pointers + 4, leaf ? "BTLF" : "BTIN", leaf ? "chunk B-tree (version 2) leaf" : "chunk B-tree (version 2) internal node");
        var version = cursor.Byte();
        var type = cursor.Byte();
        if (version != 0 || type != (_filtered ? 11 : 10))
            throw new InvalidDataException($"the chunk B-tree (version 2) node at offset {superblock.Absolute(address)} declares version {version}, record type {type} (damaged index)");
        var rank = Grid.Dims.Length;
        var scaled = new long[records][];
        var addresses = new ulong[records];
        var sizes = new ulong[records];
        var masks = new uint[records];
        for (var k = 0; k < records; k++)
        {
            addresses[k] = cursor.Address();
            sizes[k] = (ulong)Grid.ChunkBytes;
            if (_filtered)
            {
                sizes[k] = cursor.Unsigned(_recordSize - superblock.OffsetSize - 4 - 8 * rank);
                masks[k] = cursor.UInt32();
            }
            scaled[k] = new long[rank];
            for (var i = 0; i < rank; i++)
            {
                var offset = cursor.UInt64();
                if (offset > long.MaxValue)
                    throw new InvalidDataException($"a chunk B-tree (version 2) record at offset {superblock.Absolute(address)} names chunk offset {offset} (damaged index)");
                scaled[k][i] = (long)offset;
            }
        }
        var children = leaf ? [] : new ulong[records + 1];
        var childRecords = leaf ? [] : new int[records + 1];
        for (var c = 0; c < children.Length; c++)
        {
            children[c] = cursor.Address();
            var count = cursor.Unsigned(_recordCountSize);
            if (count > int.MaxValue)
                throw new InvalidDataException($"a chunk B-tree (version 2) node at offset {superblock.Absolute(address)} gives a child {count} records (damaged index)");
            childRecords[c] = (int)count;
            if (depth > 1) cursor.Skip(_subtreeCountSize[depth - 1]);
        }
        var node = new Node(depth, scaled, addresses, sizes, masks, children, childRecords);
        if (_cache.Count >= NodeCacheSize) _cache.Clear();
        _cache[address] = node;
        return node;
    }
}
