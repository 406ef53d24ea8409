namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The read-only view of an HDF5 file that PureHDF 2.2.0 opens, for two reasons.
/// <para>Reads past the end fail. PureHDF's own file driver reads its small fields (a message type, a size) without
/// checking how many bytes came back, so an object header declaring a chunk longer than the file made it decode zeros
/// past the end forever: a hang, found by AFL++ (fuzz/regressions/hdf5). Through a stream, PureHDF reads with
/// <c>ReadExactly</c>, which throws at the end of the file, and the file is reported as damaged. The position is per
/// thread, as in PureHDF's file driver, so that threads reading one file do not move each other's position.</para>
/// <para>A file with a user block opens. PureHDF looks for the
/// superblock at offsets 0, 512, 1536, 3584, ... (its search adds the growing step to the position after
/// the signature it just read, so a superblock at 1024, 2048 or 4096 is never found), while HDF5 puts it
/// at 0, 512, 1024, 2048, .... In this view the superblock is at offset 0, and PureHDF, which reads every
/// address at the base address the superblock stores plus the address, finds each address at the file
/// position the HDF5 library uses: the superblock's real position plus the address (the library takes
/// the superblock's position as the base, whatever base it stores). So view position v is file position
/// S + v - B for v &gt;= B (S the superblock's position, B the stored base; the HDF5 library writes B = S,
/// which makes that the identity), and S + v below B, where PureHDF only reads the superblock itself.
/// The user block is never read: no address points into it. Without a user block (S = B = 0) the view is the file.</para>
/// </summary>
internal sealed class Hdf5FileView(FileStream file, long superblock, long storedBase) : Stream
{
    private readonly ThreadLocal<long> _position = new();

    // Taken once: PureHDF reads a few bytes at a time, and asking the file its length on each read was an fstat call
    // per field (most of the time of a damaged B-tree's walk, found by AFL++). DataScrub reads files nobody writes.
    private readonly long _length = file.Length - superblock + storedBase;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position.Value;
        set => _position.Value = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var position = _position.Value;
        if (buffer.IsEmpty || position >= Length || position < 0) return 0;
        var source = position < storedBase ? superblock + position : superblock + position - storedBase;
        var count = position < storedBase ? (int)Math.Min(buffer.Length, storedBase - position) : buffer.Length;
        var read = RandomAccess.Read(file.SafeFileHandle, buffer[..count], source);
        _position.Value = position + read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => _position.Value = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position.Value + offset,
        _ => Length + offset,
    };

    public override void Flush() { }

    public override void SetLength(long value) => throw new NotSupportedException("read-only");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("read-only");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
            _position.Dispose();
        }
        base.Dispose(disposing);
    }
}
