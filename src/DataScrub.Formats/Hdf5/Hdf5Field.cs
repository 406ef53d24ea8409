using PureHDF;

namespace DataScrub.Formats.Hdf5;

/// <summary>One chosen dataset of one file: its rows become one field of every sample. Immutable: where
/// a field sits inside a row record is the row decoder's business (<see cref="Hdf5RowDecoder"/>).</summary>
internal sealed class Hdf5Field
{
    private static readonly HashSet<int> PureHdfFilters = [Hdf5Filter.Deflate, Hdf5Filter.Shuffle, Hdf5Filter.Fletcher32];

    private Hdf5Field(string name, IH5Dataset dataset, ulong[] dims, Hdf5ElementType type, bool isLabel, IHdf5RowStorage storage, long chunkRows)
    {
        Name = name;
        Dataset = dataset;
        Dims = dims;
        Type = type;
        IsLabel = isLabel;
        Storage = storage;
        ChunkRows = chunkRows;
        ElementsPerRow = dims.Skip(1).Aggregate(1L, (a, d) => checked(a * (long)d));
    }

    public string Name { get; }

    public IH5Dataset Dataset { get; }

    public ulong[] Dims { get; }

    public Hdf5ElementType Type { get; }

    public bool IsLabel { get; }

    public IHdf5RowStorage Storage { get; }

    /// <summary>Rows per chunk for chunked datasets (slabs are aligned to it), 0 otherwise.</summary>
    public long ChunkRows { get; }

    public long Rows => (long)Dims[0];

    /// <summary>Values per row: what Caffe copies per row of a top (count / shape(0)).</summary>
    public long ElementsPerRow { get; }

    public int SourceRowBytes => checked((int)(ElementsPerRow * Type.Size));

    public int TargetRowBytes => checked((int)(ElementsPerRow * Type.TargetSize));

    public string TrailingShape => Dims.Length <= 1 ? "(scalar per row)" : string.Join("x", Dims.Skip(1));

    /// <summary>Rows [start, start+count) as file-order bytes.</summary>
    public void ReadRows(long start, int count, Span<byte> destination) =>
        Storage.Read(start, count, destination[..checked(count * SourceRowBytes)]);

    /// <summary>The field for <paramref name="dataset"/> of <paramref name="source"/>, or null with why it
    /// cannot be read (an unsupported-type or unsupported-filter finding).</summary>
    /// <exception cref="InvalidDataException">The chunk index is damaged.</exception>
    public static Hdf5Field? Open(Hdf5SourceFile source, string name, IH5Dataset dataset, Hdf5ElementType type, bool isLabel, out (bool Filter, string Why)? problem)
    {
        problem = null;
        var dims = dataset.Space.Dimensions;
        var rows = (long)dims[0];
        // A row is read into memory whole (and Caffe's blobs hold at most INT_MAX values): a dataset declaring
        // rows beyond MaxRowBytes (a damaged dataspace, or a layout no trainer loads) is not read.
        var elements = ElementsOf(dims.Skip(1));
        // Bytes per value as stored and as decoded, however large a damaged datatype declares them (an element size
        // near 2^32 overflowed the row's byte count: found by AFL++, fuzz/regressions/hdf5).
        var widest = Math.Max(sizeof(long), Math.Max((long)type.Size, type.TargetSize));
        if (elements is not { } perRow || perRow > MaxRowBytes / widest || dims[0] > long.MaxValue)
        {
            problem = (false, $"dataset '{name}' declares rows of {string.Join("x", dims.Skip(1))} values ({dims[0]} rows), more than DataScrub reads into memory at once ({MaxRowBytes >> 20} MiB per row); it is not scanned");
            return null;
        }
        if (perRow == 0 && rows > 0)
        {
            // Rows of no values need no storage, so nothing bounds their count: a damaged dataspace of 2^39 x 0 made the
            // scan yield 2^39 empty samples (issue 18). There is nothing in them to check, and Caffe cannot train on them.
            problem = (false, $"dataset '{name}' declares {rows} rows of {string.Join("x", dims.Skip(1))} values: rows without values hold nothing to check, and Caffe's HDF5Data cannot train on them; it is not scanned");
            return null;
        }
        var rowBytes = perRow * type.Size;
        var layout = PureHdfInternals.Layout(dataset);
        var filters = PureHdfInternals.Filters(dataset);
        if (!PureHdfInternals.HasExternalFiles(dataset))
        {
            switch (layout)
            {
                case Hdf5StorageLayout.Contiguous contiguous:
                    return new Hdf5Field(name, dataset, dims, type, isLabel, new Hdf5ContiguousRows(source.Handle, source.Superblock, name, contiguous, rows, rowBytes), 0);
                case Hdf5StorageLayout.Compact compact:
                    return new Hdf5Field(name, dataset, dims, type, isLabel, new Hdf5CompactRows(name, compact.Data, rows, rowBytes), 0);
                case Hdf5StorageLayout.Chunked chunked when filters is not null:
                    var grid = new Hdf5ChunkGrid(dims, dataset.Space.MaxDimensions, chunked.ChunkDims, type.Size);
                    if (grid.ChunkBytes > MaxRowBytes)
                    {
                        // A chunk is decoded into one buffer of its full size: chunk dimensions read from a damaged layout
                        // message must not size it (issue 18). h5py's chunks are at most a few MiB.
                        problem = (false, $"dataset '{name}' is stored in chunks of {string.Join("x", chunked.ChunkDims)} values ({grid.ChunkBytes} bytes), more than DataScrub decodes at once ({MaxRowBytes >> 20} MiB); it is not scanned");
                        return null;
                    }
                    var index = Hdf5ChunkIndex.For(chunked, grid, new Hdf5MetadataReader(source.Handle, source.Superblock), filtered: filters.Count > 0);
                    if (index is not null)
                        return new Hdf5Field(name, dataset, dims, type, isLabel,
                            new Hdf5ChunkedRows(source.Handle, source.Superblock, name, index, filters, dataset.FillValue.Value), grid.ChunkRows);
                    break;
            }
        }
        // PureHDF reads the rest: little-endian integers and floats, with the filters it has.
        var where = PureHdfInternals.HasExternalFiles(dataset) ? "in external files"
            : layout is Hdf5StorageLayout.Chunked c ? $"in chunks indexed by {Describe(c.Index)}, which DataScrub does not walk"
            : $"in a layout DataScrub does not read itself ({(layout as Hdf5StorageLayout.Other)?.What ?? "unknown"})";
        if (type.BigEndian || type.StoredAs is not null)
        {
            problem = (false, $"dataset '{name}' holds {type.Describe()} {where}, and PureHDF 2.2.0, which reads those, converts no byte order or enum/bitfield class; it is not scanned");
            return null;
        }
        var unknown = filters?.Where(f => !PureHdfFilters.Contains(f.Id)).ToList();
        if (unknown is { Count: > 0 })
        {
            problem = (true, $"dataset '{name}' is compressed with {string.Join(", ", unknown.Select(f => f.Describe()))} {where}; PureHDF, which reads those, cannot decode it (deflate, shuffle and fletcher32 it can); it is not scanned");
            return null;
        }
        return new Hdf5Field(name, dataset, dims, type, isLabel, new Hdf5PureHdfRows(dataset, dims, type),
            layout is Hdf5StorageLayout.Chunked chunkedByPureHdf ? (long)chunkedByPureHdf.ChunkDims[0] : 0);
    }

    /// <summary>The largest row DataScrub reads (after widening integers to 8 bytes).</summary>
    internal const long MaxRowBytes = 1L << 30;

    /// <summary>The product of the dimensions, or null when it overflows.</summary>
    private static long? ElementsOf(IEnumerable<ulong> dims)
    {
        ulong product = 1;
        foreach (var d in dims)
        {
            if (d != 0 && product > long.MaxValue / d) return null;
            product *= d;
        }
        return (long)product;
    }

    private static string Describe(Hdf5ChunkIndexKind kind) => kind switch
    {
        Hdf5ChunkIndexKind.ExtensibleArray => "an extensible array (a dataset with one unlimited dimension, libver 'latest')",
        Hdf5ChunkIndexKind.BTree2 => "a version-2 B-tree (more than one unlimited dimension, libver 'latest')",
        _ => kind.ToString(),
    };
}
