namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The version-1 B-tree chunk index (layout messages 1-3: h5py's default, libver 'earliest'). Node
/// layout (HDF5 file format specification, "Version 1 B-trees"): "TREE", node type 1 (raw data chunks),
/// level, entries used (2 bytes), left and right sibling addresses, then keys and children alternating,
/// key 0, child 0, ..., key n. A key is the chunk's stored size (4 bytes), its filter mask (4) and its
/// element offset along each dimension plus a trailing 0 (8 bytes each); in a leaf (level 0), child k is
/// the chunk that key k describes; in an inner node, child k holds the keys from key k up to key k+1.
/// Only allocated chunks have an entry.
/// </summary>
internal sealed class Hdf5BTree1ChunkIndex(Hdf5ChunkGrid grid, Hdf5MetadataReader metadata, ulong rootAddress) : Hdf5ChunkIndex(grid)
{
    /// <summary>Deeper trees than this are damaged (a tree of 64 levels would index more chunks than exist).</summary>
    private const int MaxDepth = 64;

    private const int NodeCacheSize = 256;

    private readonly Dictionary<ulong, Node> _cache = [];

    private sealed record Node(int Level, long[][] Offsets, uint[] Sizes, uint[] Masks, ulong[] Children);

    private int Rank => Grid.Dims.Length;

    public override IEnumerable<Hdf5Chunk> Allocated() =>
        metadata.Superblock.IsUndefined(rootAddress) ? [] : Walk(rootAddress, MaxDepth, []);

    /// <param name="visited">Nodes walked so far: a node listed twice (a damaged child address) would have its subtree
    /// walked again for each listing, which compounds level by level into a hang.</param>
    private IEnumerable<Hdf5Chunk> Walk(ulong address, int depthLeft, HashSet<ulong> visited)
    {
        if (depthLeft == 0) throw new InvalidDataException($"the chunk B-tree is deeper than {MaxDepth} levels (damaged index)");
        if (!visited.Add(address))
            throw new InvalidDataException($"the chunk B-tree node at offset {metadata.Superblock.Absolute(address)} is listed twice (damaged index)");
        var node = ReadNode(address);
        for (var k = 0; k < node.Children.Length; k++)
        {
            if (node.Level > 0)
            {
                foreach (var chunk in Walk(node.Children[k], depthLeft - 1, visited)) yield return chunk;
            }
            else if (ToChunk(node, k) is { } chunk)
            {
                yield return chunk;
            }
        }
    }

    public override Hdf5Chunk? Find(long block, long trailing)
    {
        if (metadata.Superblock.IsUndefined(rootAddress)) return null;
        Span<long> scaled = stackalloc long[Rank];
        Grid.ToScaled(block, trailing, scaled);
        var target = new long[Rank];
        for (var i = 0; i < Rank; i++) target[i] = scaled[i] * Grid.ChunkDims[i];
        var address = rootAddress;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var node = ReadNode(address);
            // The last child whose left key is at or before the target.
            var k = -1;
            while (k + 1 < node.Children.Length && Compare(node.Offsets[k + 1], target) <= 0) k++;
            if (k < 0) return null;
            if (node.Level == 0) return Compare(node.Offsets[k], target) == 0 ? ToChunk(node, k) : null;
            address = node.Children[k];
        }
        throw new InvalidDataException($"the chunk B-tree is deeper than {MaxDepth} levels (damaged index)");
    }

    private Hdf5Chunk? ToChunk(Node node, int k)
    {
        Span<long> scaled = stackalloc long[Rank];
        for (var i = 0; i < Rank; i++)
        {
            if (node.Offsets[k][i] % Grid.ChunkDims[i] != 0)
                throw new InvalidDataException($"a chunk B-tree key names element offset {node.Offsets[k][i]}, not a multiple of the chunk size {Grid.ChunkDims[i]} (damaged index)");
            scaled[i] = node.Offsets[k][i] / Grid.ChunkDims[i];
        }
        return Grid.FromScaled(scaled) is { } place ? new Hdf5Chunk(place.Block, place.Trailing, node.Children[k], node.Sizes[k], node.Masks[k]) : null;
    }

    private static int Compare(long[] a, long[] b)
    {
        for (var i = 0; i < a.Length; i++)
            if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
        return 0;
    }

    private Node ReadNode(ulong address)
    {
        if (_cache.TryGetValue(address, out var cached)) return cached;
        var o = metadata.Superblock.OffsetSize;
        var header = metadata.ReadSigned(address, 8 + 2 * o, "TREE", "chunk B-tree node");
        var type = header.Byte();
        var level = header.Byte();
        var used = header.UInt16();
        if (type != 1) throw new InvalidDataException($"the chunk B-tree node at offset {metadata.Superblock.Absolute(address)} has node type {type}, not 1 (raw data chunks)");
        var keySize = 8 + 8 * (Rank + 1);
        var body = new Hdf5Cursor(metadata.Read(address + (ulong)(8 + 2 * o), (used + 1) * keySize + used * o, "chunk B-tree node"), metadata.Superblock);
        var offsets = new long[used][];
        var sizes = new uint[used];
        var masks = new uint[used];
        var children = new ulong[used];
        for (var k = 0; k < used; k++)
        {
            sizes[k] = body.UInt32();
            masks[k] = body.UInt32();
            offsets[k] = new long[Rank];
            for (var i = 0; i < Rank; i++) offsets[k][i] = checked((long)body.UInt64());
            body.Skip(8); // the datatype offset, always 0
            children[k] = body.Address();
        }
        var node = new Node(level, offsets, sizes, masks, children);
        if (_cache.Count >= NodeCacheSize) _cache.Clear();
        _cache[address] = node;
        return node;
    }
}
