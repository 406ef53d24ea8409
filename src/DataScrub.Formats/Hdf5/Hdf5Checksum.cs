using System.Buffers.Binary;
using System.Numerics;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The checksum HDF5 stores after its newer metadata structures (version-2 B-tree nodes, extensible and fixed arrays,
/// superblock versions 2-3, version-2 object headers): Bob Jenkins' lookup3 <c>hashlittle</c> with initial value 0
/// (H5checksum.c, H5_checksum_lookup3). The HDF5 library refuses a structure whose checksum does not match ("incorrect
/// metadata checksum"), so DataScrub does too: reading a damaged index as if it were whole would scan, or skip, rows
/// the library never gives a trainer.
/// </summary>
internal static class Hdf5Checksum
{
    public static uint Lookup3(ReadOnlySpan<byte> data)
    {
        uint a, b, c;
        a = b = c = 0xdeadbeef + (uint)data.Length;
        while (data.Length > 12)
        {
            a += BinaryPrimitives.ReadUInt32LittleEndian(data);
            b += BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            c += BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
            Mix(ref a, ref b, ref c);
            data = data[12..];
        }
        if (data.Length == 0) return c;
        // The last 1-12 bytes, zero-padded, as hashlittle's byte-wise tail adds them.
        Span<byte> tail = stackalloc byte[12];
        tail.Clear();
        data.CopyTo(tail);
        a += BinaryPrimitives.ReadUInt32LittleEndian(tail);
        b += BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        c += BinaryPrimitives.ReadUInt32LittleEndian(tail[8..]);
        Final(ref a, ref b, ref c);
        return c;
    }

    /// <summary>Whether the last four bytes of <paramref name="structure"/> are the checksum of the bytes before them.</summary>
    public static bool Matches(ReadOnlySpan<byte> structure) =>
        structure.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(structure[^4..]) == Lookup3(structure[..^4]);

    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        a -= c; a ^= BitOperations.RotateLeft(c, 4); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 6); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 8); b += a;
        a -= c; a ^= BitOperations.RotateLeft(c, 16); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 19); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 4); b += a;
    }

    private static void Final(ref uint a, ref uint b, ref uint c)
    {
        c ^= b; c -= BitOperations.RotateLeft(b, 14);
        a ^= c; a -= BitOperations.RotateLeft(c, 11);
        b ^= a; b -= BitOperations.RotateLeft(a, 25);
        c ^= b; c -= BitOperations.RotateLeft(b, 16);
        a ^= c; a -= BitOperations.RotateLeft(c, 4);
        b ^= a; b -= BitOperations.RotateLeft(a, 14);
        c ^= b; c -= BitOperations.RotateLeft(b, 24);
    }
}
