using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace DataScrub.Formats.Hdf5;

/// <summary>Reads HDF5 metadata structures (chunk indexes) by file address, with the file's address and
/// length sizes; a structure that ends past the file, or lacks its signature, is <see cref="InvalidDataException"/>.</summary>
internal sealed class Hdf5MetadataReader(SafeFileHandle handle, Hdf5Superblock superblock)
{
    public Hdf5Superblock Superblock => superblock;

    /// <summary>The file's length in bytes: what any structure or data it addresses must lie within.</summary>
    public long FileLength => RandomAccess.GetLength(handle);

    public byte[] Read(ulong address, int length, string what)
    {
        var position = superblock.Absolute(address);
        // The length comes from the file (a B-tree node's entry count, a fixed array's size): checked against the bytes the
        // file has there before anything is allocated, so a damaged count cannot ask for gigabytes (issue 18).
        if (length < 0 || position < 0 || position > FileLength || length > FileLength - position)
            throw new InvalidDataException($"the {what} at offset {position} ({length} bytes) ends past the end of the file");
        var bytes = new byte[length];
        if (RandomAccess.Read(handle, bytes, position) != length)
            throw new InvalidDataException($"the {what} at offset {position} ends past the end of the file");
        return bytes;
    }

    /// <summary>Reads <paramref name="length"/> bytes at <paramref name="address"/> and checks the 4-byte signature.</summary>
    public Hdf5Cursor ReadSigned(ulong address, int length, string signature, string what)
    {
        var bytes = Read(address, length, what);
        var cursor = new Hdf5Cursor(bytes, superblock);
        var found = System.Text.Encoding.ASCII.GetString(bytes, 0, 4);
        if (found != signature)
        {
            // Bytes that are not printable (zeros past the data, most often) are shown in hex.
            var shown = bytes.Take(4).All(b => b is >= 0x20 and < 0x7f) ? $"'{found}'" : Convert.ToHexString(bytes, 0, 4);
            throw new InvalidDataException($"the {what} at offset {superblock.Absolute(address)} has signature {shown}, not '{signature}' (damaged index)");
        }
        cursor.Skip(4);
        return cursor;
    }

    /// <summary>Reads a structure of <paramref name="length"/> bytes whose last four are its checksum
    /// (<see cref="Hdf5Checksum"/>), and checks the signature and the checksum, as the HDF5 library does before it uses one.</summary>
    /// <param name="signature">Null for a structure without one (an extensible array's data block page).</param>
    public Hdf5Cursor ReadChecksummed(ulong address, int length, string? signature, string what)
    {
        var cursor = signature is null ? new Hdf5Cursor(Read(address, length, what), superblock) : ReadSigned(address, length, signature, what);
        if (!Hdf5Checksum.Matches(cursor.Bytes))
            throw new InvalidDataException($"the {what} at offset {superblock.Absolute(address)} fails its checksum (damaged index; the HDF5 library refuses it too)");
        return cursor;
    }
}

/// <summary>A little-endian read position in a metadata buffer.</summary>
internal sealed class Hdf5Cursor(byte[] bytes, Hdf5Superblock superblock)
{
    public int Position { get; private set; }

    public byte[] Bytes => bytes;

    public void Skip(int count) => Position += count;

    public byte Byte() => bytes[Position++];

    public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public ulong Unsigned(int size) => Hdf5Superblock.ReadUnsigned(Take(size));

    public ulong Address() => Unsigned(superblock.OffsetSize);

    public ulong Length() => Unsigned(superblock.LengthSize);

    private ReadOnlySpan<byte> Take(int count)
    {
        var span = bytes.AsSpan(Position, count);
        Position += count;
        return span;
    }
}
