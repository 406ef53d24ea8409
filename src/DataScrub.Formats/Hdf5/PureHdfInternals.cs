using System.Reflection;
using PureHDF;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The facts PureHDF 2.2.0 parses but does not expose, read from its (internal) native dataset object:
/// the storage layout (where contiguous and compact data are, the chunk dimensions and chunk index),
/// the element byte order, the filter pipeline with its flags, and whether the data is in external
/// files. Why: DataScrub reads raw data itself (PureHDF reads row hyperslabs of a contiguous 4-D dataset
/// at ~60 MB/s, refuses big-endian data, reads every chunk of a never-written dataset as fill values and
/// tests the chunk filter mask one bit off), so it needs these facts. Every lookup is guarded: if a PureHDF
/// update renames the internals, an answer is "unknown" (null) and DataScrub falls back to PureHDF's
/// public API (slower, little-endian only).
/// </summary>
internal static class PureHdfInternals
{
    // The Native AOT build roots the whole PureHDF assembly (TrimmerRootAssembly in DataScrub.Cli.csproj), so
    // every property read here keeps its metadata; the trimmer cannot see that from a GetType() call.
    private const string RootedByTheCli = "PureHDF is rooted by the CLI project (TrimmerRootAssembly); its properties are all kept.";

    private const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>The dataset's storage layout; <see cref="Hdf5StorageLayout.Other"/> when unknown.</summary>
    public static Hdf5StorageLayout Layout(IH5Dataset dataset)
    {
        var message = Get(dataset, "InternalDataLayout");
        if (message is null) return new Hdf5StorageLayout.Other("PureHDF's layout message is not visible");
        var layoutClass = Get(message, "LayoutClass")?.ToString();
        // Layout message versions 1 and 2 keep the address and dimensions in the message itself.
        if (Get(message, "Properties") is not { } properties)
        {
            return (layoutClass, Get(message, "Address"), Get(message, "DimensionSizes")) switch
            {
                ("Compact", _, _) when Get(message, "CompactData") is byte[] data => new Hdf5StorageLayout.Compact(data),
                ("Contiguous", ulong address, _) => new Hdf5StorageLayout.Contiguous(address, ContiguousBytes(dataset)),
                ("Chunked", ulong address, uint[] dims) => new Hdf5StorageLayout.Chunked(ChunkDims(dims.Select(d => (ulong)d)), Hdf5ChunkIndexKind.BTree1, address, null, 0),
                _ => new Hdf5StorageLayout.Other($"a version 1/2 {layoutClass} layout"),
            };
        }
        if (Get(properties, "Address") is not ulong indexAddress) return new Hdf5StorageLayout.Other("PureHDF's layout address is not visible");
        switch (layoutClass)
        {
            case "Compact":
                return Get(properties, "Data") is byte[] data ? new Hdf5StorageLayout.Compact(data) : new Hdf5StorageLayout.Other("compact data not visible");
            case "Contiguous":
                return Get(properties, "Size") is ulong size ? new Hdf5StorageLayout.Contiguous(indexAddress, size) : new Hdf5StorageLayout.Other("contiguous size not visible");
            case "Chunked":
                var dims = Get(properties, "DimensionSizes") switch
                {
                    uint[] small => small.Select(d => (ulong)d),
                    ulong[] large => large,
                    _ => null,
                };
                if (dims is null) return new Hdf5StorageLayout.Other("chunk dimensions not visible");
                var indexing = Get(properties, "IndexingInformation");
                if (indexing is null) return new Hdf5StorageLayout.Chunked(ChunkDims(dims), Hdf5ChunkIndexKind.BTree1, indexAddress, null, 0);
                return indexing.GetType().Name switch
                {
                    "SingleChunkIndexingInformation" => new Hdf5StorageLayout.Chunked(ChunkDims(dims), Hdf5ChunkIndexKind.SingleChunk, indexAddress,
                        Get(indexing, "FilteredChunkSize") is ulong filtered && filtered > 0 && Get(indexing, "ChunkFilters") is uint mask
                            ? new Hdf5StorageLayout.SingleChunkFilter(filtered, mask) : null, 0),
                    "ImplicitIndexingInformation" => new Hdf5StorageLayout.Chunked(ChunkDims(dims), Hdf5ChunkIndexKind.Implicit, indexAddress, null, 0),
                    "FixedArrayIndexingInformation" when Get(indexing, "PageBits") is byte bits =>
                        new Hdf5StorageLayout.Chunked(ChunkDims(dims), Hdf5ChunkIndexKind.FixedArray, indexAddress, null, bits),
                    "ExtensibleArrayIndexingInformation" => new Hdf5StorageLayout.Chunked(ChunkDims(dims), Hdf5ChunkIndexKind.ExtensibleArray, indexAddress, null, 0),
                    "BTree2IndexingInformation" => new Hdf5StorageLayout.Chunked(ChunkDims(dims), Hdf5ChunkIndexKind.BTree2, indexAddress, null, 0),
                    var other => new Hdf5StorageLayout.Other($"chunk index {other}"),
                };
            default:
                return new Hdf5StorageLayout.Other($"a {layoutClass} layout");
        }
    }

    /// <summary>True when the dataset's data lives in external files (an external file list).</summary>
    public static bool HasExternalFiles(IH5Dataset dataset) => Get(dataset, "InternalExternalFileList") is not null;

    /// <summary>True for big-endian elements (of an enumeration: of its base type), false for little-endian, null when unknown.</summary>
    public static bool? IsBigEndian(IH5Dataset dataset)
    {
        var type = Get(dataset, "InternalDataType");
        if (dataset.Type.Class == H5DataTypeClass.Enumerated)
            type = Get((Get(type, "Properties") as System.Collections.IEnumerable)?.Cast<object>().FirstOrDefault(), "BaseType");
        return Get(Get(type, "BitField"), "ByteOrder")?.ToString() switch
        {
            "BigEndian" => true,
            "LittleEndian" => false,
            _ => null,
        };
    }

    /// <summary>The filters applied to the dataset's chunks, in pipeline order; empty for none, null when unknown.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = RootedByTheCli)]
    public static IReadOnlyList<Hdf5Filter>? Filters(IH5Dataset dataset)
    {
        PropertyInfo? pipeline;
        try { pipeline = dataset.GetType().GetProperty("InternalFilterPipeline", Any); }
        catch (AmbiguousMatchException) { return null; }
        if (pipeline is null) return null;
        var message = pipeline.GetValue(dataset);
        if (message is null) return [];
        if (Get(message, "FilterDescriptions") is not System.Collections.IEnumerable descriptions) return null;
        var filters = new List<Hdf5Filter>();
        foreach (var description in descriptions)
        {
            if (Get(description, "Identifier") is not { } id) return null;
            // Bit 0 of the flags: the filter is optional (HDF5 may skip it for a chunk, per chunk filter mask).
            var optional = Get(description, "Flags") is { } flags && (Convert.ToInt32(flags) & 1) != 0;
            filters.Add(new Hdf5Filter(Convert.ToInt32(id), Get(description, "Name")?.ToString() ?? "", Get(description, "ClientData") as uint[] ?? [], optional));
        }
        return filters;
    }

    /// <summary>Chunk dimensions without the trailing element-size dimension the layout message stores.</summary>
    private static ulong[] ChunkDims(IEnumerable<ulong> stored)
    {
        var dims = stored.ToArray();
        return dims[..^1];
    }

    private static ulong ContiguousBytes(IH5Dataset dataset) =>
        dataset.Space.Dimensions.Aggregate(1UL, (a, d) => a * d) * (ulong)dataset.Type.Size;

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = RootedByTheCli)]
    private static object? Get(object? target, string name)
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
