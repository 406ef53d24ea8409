using Microsoft.Win32.SafeHandles;
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

    /// <summary>Rows [start, start+count) as file-order bytes: straight from the file when the extent is
    /// known, else through PureHDF.</summary>
    public void ReadRows(SafeFileHandle handle, long start, int count, Span<byte> destination)
    {
        if (Extent is not null)
        {
            var offset = CheckedOffset(handle, start, count);
            if (RandomAccess.Read(handle, destination, offset) != destination.Length)
                throw new IOException($"short read at offset {offset}");
            return;
        }
        Type.ReadWithPureHdf(Dataset, Dims, (ulong)start, (ulong)count, destination);
    }

    /// <summary>Rows [start, start+count) of a contiguous dataset, one row into each buffer (one vectored read).</summary>
    public void ReadRows(SafeFileHandle handle, long start, int count, IReadOnlyList<Memory<byte>> rows)
    {
        var offset = CheckedOffset(handle, start, count);
        if (RandomAccess.Read(handle, rows, offset) != (long)count * SourceRowBytes)
            throw new IOException($"short read at offset {offset}");
    }

    /// <summary>File offset of row <paramref name="start"/>; throws when the rows end past the data or the file (truncated).</summary>
    private long CheckedOffset(SafeFileHandle handle, long start, int count)
    {
        var extent = Extent!.Value;
        var offset = (long)extent.Address + start * SourceRowBytes;
        if ((ulong)(start + count) * (ulong)SourceRowBytes > extent.Size || offset + (long)count * SourceRowBytes > RandomAccess.GetLength(handle))
            throw new IOException($"the data of '{Name}' ends past the end of the file (truncated)");
        return offset;
    }
}
