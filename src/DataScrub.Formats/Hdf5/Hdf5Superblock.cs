using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// Where an HDF5 file's superblock is and the facts DataScrub's own reads need from it: the size of
/// addresses and lengths, and the base address every address in the file is relative to. The superblock
/// follows a user block of 0, 512, 1024, 2048, ... bytes (HDF5 file format specification, "Format
/// Signature and Superblock"). Addresses are relative to the superblock's position: the HDF5 library
/// stores that position as the base address when it writes a user block, and takes the superblock's
/// position as the base when it opens a file whatever base is stored (H5Fsuper.c, H5F__super_read).
/// </summary>
/// <param name="StoredBaseAddress">The base address as the superblock stores it (what PureHDF uses).</param>
internal sealed record Hdf5Superblock(long Position, int Version, int OffsetSize, int LengthSize, ulong StoredBaseAddress)
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a];

    /// <summary>Searched positions stop here: a user block larger than this is not an HDF5 file we know.</summary>
    private const long SearchLimit = 1L << 30;

    /// <summary>The superblock's position, or null when the file has no HDF5 signature where one may be.</summary>
    public static long? Find(SafeFileHandle handle)
    {
        var length = RandomAccess.GetLength(handle);
        Span<byte> header = stackalloc byte[8];
        for (long position = 0; position + 8 <= length && position <= SearchLimit; position = position == 0 ? 512 : position * 2)
        {
            if (RandomAccess.Read(handle, header, position) == 8 && header.SequenceEqual(Signature)) return position;
        }
        return null;
    }

    /// <exception cref="InvalidDataException">No signature, or a superblock version this reader does not know.</exception>
    public static Hdf5Superblock Read(SafeFileHandle handle)
    {
        var position = Find(handle) ?? throw new InvalidDataException("no HDF5 signature at offset 0, 512, 1024, 2048, ...");
        Span<byte> bytes = stackalloc byte[40];
        var read = RandomAccess.Read(handle, bytes, position);
        if (read < 24) throw new InvalidDataException($"the superblock at offset {position} is cut off");
        int version = bytes[8];
        // Versions 0 and 1: sizes at bytes 13 and 14; the base address after the B-tree K values (and, in
        // version 1, the indexed-storage K and 2 reserved bytes). Versions 2 and 3: sizes at 9 and 10, base at 12.
        var (offsetSize, lengthSize, baseAt) = version switch
        {
            0 => (bytes[13], bytes[14], 24),
            1 => (bytes[13], bytes[14], 28),
            2 or 3 => (bytes[9], bytes[10], 12),
            _ => throw new InvalidDataException($"superblock version {version} at offset {position} is not one HDF5 has defined (0-3)"),
        };
        if (offsetSize is not (2 or 4 or 8) || lengthSize is not (2 or 4 or 8) || read < baseAt + offsetSize)
            throw new InvalidDataException($"the superblock at offset {position} declares {offsetSize}-byte addresses and {lengthSize}-byte lengths");
        var baseAddress = ReadUnsigned(bytes.Slice(baseAt, offsetSize));
        return new Hdf5Superblock(position, version, offsetSize, lengthSize, baseAddress);
    }

    /// <summary>The all-ones address HDF5 writes for storage that does not exist.</summary>
    public bool IsUndefined(ulong address) => OffsetSize == 8 ? address == ulong.MaxValue : address == (1UL << (8 * OffsetSize)) - 1;

    /// <summary>The file position of a file address.</summary>
    /// <exception cref="InvalidDataException">The address is undefined or beyond any file.</exception>
    public long Absolute(ulong address) =>
        IsUndefined(address) || address > long.MaxValue - (ulong)Position
            ? throw new InvalidDataException($"address 0x{address:x} does not point into the file (damaged metadata)")
            : Position + (long)address;

    /// <summary>A little-endian unsigned integer of 1 to 8 bytes (HDF5 addresses and lengths).</summary>
    public static ulong ReadUnsigned(ReadOnlySpan<byte> bytes)
    {
        Span<byte> padded = stackalloc byte[8];
        padded.Clear();
        bytes.CopyTo(padded);
        return BinaryPrimitives.ReadUInt64LittleEndian(padded);
    }
}
