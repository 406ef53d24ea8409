namespace DataScrub.Formats.Hdf5;

/// <summary>A compact dataset's rows: the raw data stored inside its object header (small datasets).</summary>
internal sealed class Hdf5CompactRows : IHdf5RowStorage
{
    private readonly byte[] _data;
    private readonly long _rowBytes;
    private readonly string _name;

    public Hdf5CompactRows(string name, byte[] data, long rows, long rowBytes)
    {
        _name = name;
        _data = data;
        _rowBytes = rowBytes;
        Readable = Hdf5RowRanges.All(rows);
    }

    public Hdf5RowRanges Readable { get; }

    public Hdf5RowRanges Unwritten => Hdf5RowRanges.Empty;

    public (Hdf5RowRanges Rows, Hdf5Filter Filter)? Undecodable => null;

    public void Read(long start, int count, Span<byte> destination)
    {
        var first = start * _rowBytes;
        if (first + count * _rowBytes > _data.Length)
            throw new InvalidDataException($"the compact data of '{_name}' holds {_data.Length} bytes, fewer than its rows need");
        _data.AsSpan(checked((int)first), checked((int)(count * _rowBytes))).CopyTo(destination);
    }
}
