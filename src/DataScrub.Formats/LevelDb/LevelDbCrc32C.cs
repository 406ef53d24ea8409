using System.Buffers.Binary;
using System.Numerics;

namespace DataScrub.Formats.LevelDb;

/// <summary>
/// CRC-32C as LevelDB stores it: the CPU's CRC32C instruction (via <see cref="BitOperations.Crc32C(uint, ulong)"/>),
/// and LevelDB's "mask", which keeps a CRC stored inside CRC'd data from looking like data.
/// </summary>
internal static class LevelDbCrc32C
{
    private const uint MaskDelta = 0xa282ead8;

    /// <summary>Starts a running CRC (pair with <see cref="Append(uint, ReadOnlySpan{byte})"/> and <see cref="Finish"/>).</summary>
    public const uint Start = ~0u;

    public static uint Append(uint state, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data) state = BitOperations.Crc32C(state, b);
        return state;
    }

    public static uint Append(uint state, byte value) => BitOperations.Crc32C(state, value);

    public static uint Finish(uint state) => ~state;

    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    public static uint Mask(uint crc) => ((crc >> 15) | (crc << 17)) + MaskDelta;

    public static uint Unmask(uint masked)
    {
        var rotated = masked - MaskDelta;
        return (rotated >> 17) | (rotated << 15);
    }
}
