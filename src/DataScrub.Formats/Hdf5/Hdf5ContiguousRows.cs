using Microsoft.Win32.SafeHandles;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// A contiguous dataset's rows, read straight from the file at the position its layout message gives
/// (the superblock's position plus the address). Storage that was never allocated (an undefined address:
/// a dataset created and never written) has no readable rows.
/// </summary>
internal sealed class Hdf5ContiguousRows : IHdf5RowStorage
{
    /// <summary>Buffers per vectored read: Linux's IOV_MAX. preadv with more fails or stops short.</summary>
    private const int MaxBuffersPerRead = 1024;

    private readonly SafeFileHandle _handle;
    private readonly string _name;
    private readonly long _position;
    private readonly ulong _size;
    private readonly long _rowBytes;

    public Hdf5ContiguousRows(SafeFileHandle handle, Hdf5Superblock superblock, string name, Hdf5StorageLayout.Contiguous layout, long rows, long rowBytes)
    {
        _handle = handle;
        _name = name;
        _rowBytes = rowBytes;
        _size = layout.Size;
        var allocated = !superblock.IsUndefined(layout.Address);
        _position = allocated ? superblock.Absolute(layout.Address) : -1;
        Readable = allocated ? Hdf5RowRanges.All(rows) : Hdf5RowRanges.Empty;
        Unwritten = Readable.Complement(rows);
    }

    public Hdf5RowRanges Readable { get; }

    public Hdf5RowRanges Unwritten { get; }

    public (Hdf5RowRanges Rows, Hdf5Filter Filter)? Undecodable => null;

    public void Read(long start, int count, Span<byte> destination) =>
        Hdf5FileReads.ReadExactly(_handle, CheckedOffset(start, count), destination, _name);

    /// <summary>Rows [start, start+count), row r into <paramref name="rows"/>[r - start]: vectored reads
    /// of at most <see cref="MaxBuffersPerRead"/> buffers, each completed when the kernel stops short.</summary>
    public void Read(long start, int count, IReadOnlyList<Memory<byte>> rows)
    {
        var offset = CheckedOffset(start, count);
        for (var first = 0; first < count; first += MaxBuffersPerRead)
        {
            var group = Math.Min(MaxBuffersPerRead, count - first);
            var batch = new Memory<byte>[group];
            for (var i = 0; i < group; i++) batch[i] = rows[first + i];
            var read = RandomAccess.Read(_handle, batch, offset);
            var expected = group * _rowBytes;
            if (read < expected) CompleteShortRead(batch, read, offset);
            offset += expected;
        }
    }

    /// <summary>preadv may stop short (a signal, a file system's limit): finish the rest row by row.</summary>
    private void CompleteShortRead(Memory<byte>[] batch, long read, long offset)
    {
        var done = read;
        foreach (var row in batch)
        {
            if (done >= row.Length)
            {
                done -= row.Length;
                offset += row.Length;
                continue;
            }
            var rest = row.Span[(int)done..];
            Hdf5FileReads.ReadExactly(_handle, offset + done, rest, _name);
            offset += row.Length;
            done = 0;
        }
    }

    /// <summary>File offset of row <paramref name="start"/>; throws when the rows end past the data or the file (truncated).</summary>
    private long CheckedOffset(long start, int count)
    {
        if (_position < 0) throw new InvalidOperationException($"'{_name}' has no storage");
        var offset = _position + start * _rowBytes;
        if ((ulong)(start + count) * (ulong)_rowBytes > _size || offset + count * _rowBytes > RandomAccess.GetLength(_handle))
            throw new IOException($"the data of '{_name}' ends past the end of the file (truncated)");
        return offset;
    }
}
