using System.Buffers.Binary;

namespace DataScrub.Tests.Hostile;

/// <summary>
/// Damages a valid input the way hostile or broken files are damaged: bit flips, byte overwrites, truncations,
/// inserted and deleted runs, and integers written over what may be a length or count field (fixed 16/32/64-bit,
/// little- or big-endian, and protobuf/LevelDB varints) with the values that break size arithmetic (0, 2^31-1, 2^31,
/// 2^32-1, 2^63, -1, ...). <paramref name="hotOffsets"/> are offsets the caller knows hold such fields (a chunk length,
/// a page count); half of the field writes land there, the rest anywhere. Deterministic: case i of a generator built
/// with a given seed is the same input on every run.
/// </summary>
public sealed class MutationGenerator(byte[] original, int seed, IReadOnlyList<int>? hotOffsets = null)
{
    /// <summary>What a size field is set to: the boundaries where int, uint and long arithmetic overflow, and small
    /// values that make a length too short.</summary>
    private static readonly ulong[] Boundaries =
    [
        0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000, 0xFF_FFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF,
        0x1_0000_0000, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, ulong.MaxValue, ulong.MaxValue - 1,
    ];

    public byte[] Original => original;

    /// <summary>Case <paramref name="index"/>: one to three mutations of the original, and what they were.</summary>
    public (byte[] Bytes, string Description) Case(int index)
    {
        var random = new Random(unchecked(seed * 1_000_003 + index));
        var bytes = (byte[])original.Clone();
        var steps = new List<string>();
        var count = random.Next(4) switch { 0 or 1 => 1, 2 => 2, _ => 3 };
        for (var i = 0; i < count; i++) bytes = Mutate(bytes, random, steps);
        return (bytes, string.Join("; ", steps));
    }

    private byte[] Mutate(byte[] bytes, Random random, List<string> steps)
    {
        if (bytes.Length == 0)
        {
            steps.Add("insert 1 byte 0x80 into an empty input");
            return [0x80];
        }
        var at = random.Next(bytes.Length);
        switch (random.Next(10))
        {
            case 0:
            case 1:
            {
                var bit = random.Next(8);
                bytes[at] ^= (byte)(1 << bit);
                steps.Add($"flip bit {bit} at {at}");
                return bytes;
            }
            case 2:
            {
                var value = (byte)(random.Next(4) switch { 0 => 0, 1 => 0xFF, 2 => 0x80, _ => random.Next(256) });
                steps.Add($"set byte {at} 0x{bytes[at]:x2} -> 0x{value:x2}");
                bytes[at] = value;
                return bytes;
            }
            case 3:
            {
                // Truncations near the end are the common real damage (an interrupted copy); anywhere also happens.
                var length = random.Next(2) == 0 ? Math.Max(0, bytes.Length - 1 - random.Next(Math.Min(bytes.Length, 64))) : at;
                steps.Add($"truncate {bytes.Length} -> {length}");
                return bytes[..length];
            }
            case 4:
            {
                var run = 1 + random.Next(Math.Min(16, bytes.Length - at));
                steps.Add($"delete {run} bytes at {at}");
                return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(at + run)];
            }
            case 5:
            {
                var run = new byte[1 + random.Next(16)];
                random.NextBytes(run);
                steps.Add($"insert {run.Length} bytes at {at}");
                return [.. bytes.AsSpan(0, at), .. run, .. bytes.AsSpan(at)];
            }
            case 6:
                return WriteVarint(bytes, FieldOffset(bytes, random), random, steps);
            default:
                return WriteFixed(bytes, FieldOffset(bytes, random), random, steps);
        }
    }

    private int FieldOffset(byte[] bytes, Random random)
    {
        if (hotOffsets is { Count: > 0 } hot && random.Next(2) == 0)
        {
            var offset = hot[random.Next(hot.Count)];
            if (offset < bytes.Length) return offset;
        }
        return random.Next(bytes.Length);
    }

    private static ulong Boundary(Random random) => Boundaries[random.Next(Boundaries.Length)];

    private static byte[] WriteFixed(byte[] bytes, int at, Random random, List<string> steps)
    {
        var width = random.Next(3) switch { 0 => 2, 1 => 4, _ => 8 };
        var bigEndian = random.Next(3) == 0; // JPEG, PNG and GIF-in-RIFF neighbours are big-endian; most stores little
        var value = Boundary(random);
        var room = Math.Min(width, bytes.Length - at);
        Span<byte> field = stackalloc byte[8];
        if (bigEndian) BinaryPrimitives.WriteUInt64BigEndian(field, value << (8 * (8 - width))); // the low bytes, first
        else BinaryPrimitives.WriteUInt64LittleEndian(field, value);
        field[..room].CopyTo(bytes.AsSpan(at));
        steps.Add($"write {(bigEndian ? "BE" : "LE")}{width * 8} 0x{value:x} at {at}");
        return bytes;
    }

    /// <summary>Replaces the varint starting at <paramref name="at"/> (or the byte there) with a varint of a boundary
    /// value, which may be longer or shorter than what it replaces: protobuf lengths and LevelDB sizes are varints.</summary>
    private static byte[] WriteVarint(byte[] bytes, int at, Random random, List<string> steps)
    {
        var value = Boundary(random);
        var end = at;
        while (end < bytes.Length && end - at < 10 && (bytes[end] & 0x80) != 0) end++;
        end = Math.Min(end + 1, bytes.Length);
        Span<byte> encoded = stackalloc byte[10];
        var n = 0;
        var v = value;
        while (v >= 0x80)
        {
            encoded[n++] = (byte)(v | 0x80);
            v >>= 7;
        }
        encoded[n++] = (byte)v;
        steps.Add($"replace varint at {at} ({end - at} bytes) with varint 0x{value:x}");
        return [.. bytes.AsSpan(0, at), .. encoded[..n], .. bytes.AsSpan(end)];
    }
}
