using PureHDF;

namespace DataScrub.Formats.Hdf5;

/// <summary>One chosen dataset of one file: its rows become one field of every sample.</summary>
internal sealed class Hdf5Field(string name, IH5Dataset dataset, ulong[] dims, Hdf5ElementType type, bool isLabel)
{
    public string Name { get; } = name;
    public IH5Dataset Dataset { get; } = dataset;
    public ulong[] Dims { get; } = dims;
    public Hdf5ElementType Type { get; } = type;
    public bool IsLabel { get; } = isLabel;

    public long Rows => (long)Dims[0];

    public long ElementsPerRow { get; } = dims.Skip(1).Aggregate(1L, (a, d) => checked(a * (long)d));

    public int SourceRowBytes => checked((int)(ElementsPerRow * Type.Size));

    public int TargetRowBytes => checked((int)(ElementsPerRow * Type.TargetSize));

    /// <summary>Where the raw bytes are when the dataset is contiguous and PureHDF told us; else null.</summary>
    public (ulong Address, ulong Size)? Extent { get; } = PureHdfInternals.ContiguousExtent(dataset);

    /// <summary>Rows per chunk for chunked datasets (slabs are aligned to it), 0 otherwise.</summary>
    public long ChunkRows { get; } = dataset.Layout.Class == H5DataLayoutClass.Chunked && dataset.Layout.Chunks.Length > 0 ? (long)dataset.Layout.Chunks[0] : 0;

    /// <summary>Offset of this field inside a sample's row record.</summary>
    public int Offset { get; set; }

    public string TrailingShape => Dims.Length <= 1 ? "(scalar per row)" : string.Join("x", Dims.Skip(1));
}
