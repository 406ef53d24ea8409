using System.Reflection;
using PureHDF.VOL.Native;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The root group's links, read without following any: from the link messages PureHDF 2.2.0 decoded in the root's
/// object header (new-style groups), or from the group's symbol table (old-style groups, h5py's default), which
/// DataScrub reads itself (B-tree nodes, symbol table nodes, local heap). Why: PureHDF resolves soft and external
/// links as it lists a group, with no limit on how many it follows, so a link that leads back to itself recurses until
/// the stack overflows and the process dies, which no handler can catch (found by AFL++, fuzz/regressions/hdf5). With
/// the links known, <see cref="Hdf5RootChildren"/> follows them itself, as far as libhdf5 would (16 in a row).
/// </summary>
internal static class Hdf5RootLinks
{
    /// <summary>B-tree nodes and symbol table nodes read at most: a group of millions of entries needs far fewer
    /// (each node holds up to 2K entries); a damaged tree whose children point back up stops here.</summary>
    private const int MaxNodes = 100_000;

    /// <summary>The largest local heap read: names of a root group, however many, fit easily.</summary>
    private const int MaxHeapBytes = 64 << 20;

    private const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>The root's links, or null when they cannot be known this way (dense link storage in a fractal heap,
    /// PureHDF internals renamed, or a symbol table too damaged to read, which PureHDF then reports itself).</summary>
    public static IReadOnlyList<Hdf5RootLink>? TryRead(Hdf5SourceFile source)
    {
        try
        {
            if (SymbolTableAddresses(source.File) is var (btree, heap))
                return ReadSymbolTable(new Hdf5MetadataReader(source.Handle, source.Superblock), btree, heap);
            return FromLinkMessages(source.File, source.Superblock);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or ArgumentException or OverflowException or IOException)
        {
            return null;
        }
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "PureHDF is rooted by the CLI project (TrimmerRootAssembly).")]
    private static (ulong BTree, ulong Heap)? SymbolTableAddresses(NativeFile file)
    {
        // A root whose superblock entry caches the symbol table (version 0/1 superblocks) carries it as a scratch pad.
        var pad = typeof(NativeGroup).GetField("_scratchPad", Any)?.GetValue(file);
        if (pad is not null && Property(pad, "BTree1Address") is ulong padTree && Property(pad, "LocalHeapAddress") is ulong padHeap)
            return (padTree, padHeap);
        foreach (var message in Messages(file))
        {
            if (message.GetType().Name == "SymbolTableMessage"
                && Property(message, "BTree1Address") is ulong tree && Property(message, "LocalHeapAddress") is ulong heap)
                return (tree, heap);
        }
        return null;
    }

    private static List<Hdf5RootLink>? FromLinkMessages(NativeFile file, Hdf5Superblock superblock)
    {
        var links = new List<Hdf5RootLink>();
        var messages = Messages(file).ToList();
        if (messages.Count == 0) return null;
        foreach (var message in messages)
        {
            switch (message.GetType().Name)
            {
                case "LinkInfoMessage" when Property(message, "FractalHeapAddress") is ulong heap && !superblock.IsUndefined(heap) && heap != ulong.MaxValue:
                    return null; // dense storage: the links are in a fractal heap this does not read
                case "LinkMessage":
                    if (Property(message, "LinkName") is not string name) return null;
                    var info = Property(message, "LinkInfo");
                    links.Add(info?.GetType().Name switch
                    {
                        "HardLinkInfo" => new Hdf5RootLink(name, Hdf5LinkKind.Hard, null),
                        "SoftLinkInfo" => new Hdf5RootLink(name, Hdf5LinkKind.Soft, Property(info, "Value") as string),
                        "ExternalLinkInfo" => new Hdf5RootLink(name, Hdf5LinkKind.External, $"{Property(info, "FilePath")}:{Property(info, "FullObjectPath")}"),
                        _ => new Hdf5RootLink(name, Hdf5LinkKind.Other, null),
                    });
                    break;
            }
        }
        return links;
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "PureHDF is rooted by the CLI project (TrimmerRootAssembly).")]
    private static IEnumerable<object> Messages(NativeFile file)
    {
        if (Property(file, "Header") is not { } header || Property(header, "HeaderMessages") is not System.Collections.IEnumerable messages) yield break;
        foreach (var headerMessage in messages)
            if (Property(headerMessage, "Data") is { } data) yield return data;
    }

    /// <summary>The entries of an old-style group: B-tree (version 1, group nodes) down to symbol table nodes, whose
    /// entries name their links by offsets into the local heap; cache type 2 marks a soft link, its value also in the heap.</summary>
    private static List<Hdf5RootLink> ReadSymbolTable(Hdf5MetadataReader reader, ulong btreeAddress, ulong heapAddress)
    {
        var superblock = reader.Superblock;
        var o = superblock.OffsetSize;
        var l = superblock.LengthSize;
        var heap = reader.ReadSigned(heapAddress, 8 + 2 * l + o, "HEAP", "local heap of the root group");
        heap.Skip(4);
        var dataSize = heap.Length();
        heap.Length();
        var dataAddress = heap.Address();
        if (dataSize > MaxHeapBytes || (long)dataSize > reader.FileLength)
            throw new InvalidDataException($"the root group's local heap declares {dataSize} bytes");
        var names = reader.Read(dataAddress, (int)dataSize, "root group's local heap");

        var links = new List<Hdf5RootLink>();
        var pending = new Stack<ulong>([btreeAddress]);
        var visited = new HashSet<ulong>();
        while (pending.Count > 0)
        {
            var address = pending.Pop();
            if (!visited.Add(address) || visited.Count > MaxNodes)
                throw new InvalidDataException($"the root group's B-tree revisits node {address}");
            var head = reader.ReadSigned(address, 8 + 2 * o, "TREE", "root group B-tree node");
            if (head.Byte() != 0) throw new InvalidDataException("the root group's B-tree is not a group tree");
            var level = head.Byte();
            int entries = head.UInt16();
            // Keys (heap offsets, L bytes) and children (addresses) alternate: key, child, ..., key.
            var body = reader.ReadSigned(address, 8 + 2 * o + entries * (l + o) + l, "TREE", "root group B-tree node");
            body.Skip(4 + 2 * o); // type, level, entries used; the two siblings
            var children = new List<ulong>(entries);
            for (var i = 0; i < entries; i++)
            {
                body.Skip(l);
                children.Add(body.Address());
            }
            if (level > 0)
            {
                foreach (var child in Enumerable.Reverse(children)) pending.Push(child);
                continue;
            }
            foreach (var child in children)
            {
                if (!visited.Add(child) || visited.Count > MaxNodes)
                    throw new InvalidDataException($"the root group's B-tree names symbol table node {child} twice");
                var node = reader.ReadSigned(child, 8, "SNOD", "root group symbol table node");
                node.Skip(2);
                int symbols = node.UInt16();
                var entrySize = 2 * o + 8 + 16;
                var table = reader.ReadSigned(child, 8 + symbols * entrySize, "SNOD", "root group symbol table node");
                table.Skip(4); // version, reserved, number of symbols
                for (var s = 0; s < symbols; s++)
                {
                    var nameOffset = table.Address();
                    table.Address();
                    var cacheType = table.UInt32();
                    table.UInt32();
                    var scratch = table.UInt32();
                    table.Skip(12);
                    var name = HeapString(names, nameOffset);
                    links.Add(cacheType == 2
                        ? new Hdf5RootLink(name, Hdf5LinkKind.Soft, HeapString(names, scratch))
                        : new Hdf5RootLink(name, Hdf5LinkKind.Hard, null));
                }
            }
        }
        return links;
    }

    private static string HeapString(byte[] heap, ulong offset)
    {
        if (offset >= (ulong)heap.Length) throw new InvalidDataException($"a name at offset {offset} of a {heap.Length}-byte local heap");
        var span = heap.AsSpan((int)offset);
        var end = span.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "PureHDF is rooted by the CLI project (TrimmerRootAssembly).")]
    private static object? Property(object? target, string name)
    {
        if (target is null) return null;
        try
        {
            return target.GetType().GetProperty(name, Any)?.GetValue(target);
        }
        catch (Exception e) when (e is TargetInvocationException or AmbiguousMatchException or MethodAccessException)
        {
            return null;
        }
    }
}
