using PureHDF;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// Rows read through PureHDF's public API: the storage DataScrub does not read itself (chunk indexes
/// it does not walk: extensible arrays and version-2 B-trees; data in external files; layouts whose
/// internals it cannot see). Every row counts as written: PureHDF gives fill values for missing chunks
/// without saying so. Only little-endian integers and floats (PureHDF converts nothing).
/// </summary>
internal sealed class Hdf5PureHdfRows(IH5Dataset dataset, ulong[] dims, Hdf5ElementType type) : IHdf5RowStorage
{
    public Hdf5RowRanges Readable { get; } = Hdf5RowRanges.All((long)dims[0]);

    public Hdf5RowRanges Unwritten => Hdf5RowRanges.Empty;

    public (Hdf5RowRanges Rows, Hdf5Filter Filter)? Undecodable => null;

    public void Read(long start, int count, Span<byte> destination) =>
        type.ReadWithPureHdf(dataset, dims, (ulong)start, (ulong)count, destination);
}
