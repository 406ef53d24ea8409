namespace DataScrub.Formats.Hdf5;

/// <summary>
/// A read-only view of an HDF5 file with a user block that PureHDF 2.2.0 can open. PureHDF looks for the
/// superblock at offsets 0, 512, 1536, 3584, ... (its search adds the growing step to the position after
/// the signature it just read, so a superblock at 1024, 2048 or 4096 is never found), while HDF5 puts it
/// at 0, 512, 1024, 2048, .... In this view the superblock is at offset 0, and PureHDF, which reads every
/// address at the base address the superblock stores plus the address, finds each address at the file
/// position the HDF5 library uses: the superblock's real position plus the address (the library takes
/// the superblock's position as the base, whatever base it stores). So view position v is file position
/// S + v - B for v &gt;= B (S the superblock's position, B the stored base; the HDF5 library writes B = S,
/// which makes that the identity), and S + v below B, where PureHDF only reads the superblock itself.
/// The user block is never read: no address points into it.
/// </summary>
internal sealed class Hdf5UserBlockStream(FileStream file, long superblock, long storedBase) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => file.Length - superblock + storedBase;

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _position >= Length) return 0;
        var source = _position < storedBase ? superblock + _position : superblock + _position - storedBase;
        var count = _position < storedBase ? (int)Math.Min(buffer.Length, storedBase - _position) : buffer.Length;
        var read = RandomAccess.Read(file.SafeFileHandle, buffer[..count], source);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void Flush() { }

    public override void SetLength(long value) => throw new NotSupportedException("read-only");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("read-only");

    protected override void Dispose(bool disposing)
    {
        if (disposing) file.Dispose();
        base.Dispose(disposing);
    }
}
