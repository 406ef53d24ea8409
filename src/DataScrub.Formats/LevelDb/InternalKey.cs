using System.Buffers.Binary;

namespace DataScrub.Formats.LevelDb;

/// <summary>
/// LevelDB's internal key: user key + fixed64 <c>(sequence &lt;&lt; 8) | type</c>. Ordered by user key
/// bytewise ascending, then by that trailer descending (newest first).
/// </summary>
internal static class InternalKey
{
    public const int TrailerSize = 8;
    public const byte TypeDeletion = 0;
    public const byte TypeValue = 1;
    public const ulong MaxSequence = (1UL << 56) - 1;

    public static ReadOnlySpan<byte> UserKey(ReadOnlySpan<byte> internalKey) => internalKey[..^TrailerSize];

    public static ulong Trailer(ReadOnlySpan<byte> internalKey) => BinaryPrimitives.ReadUInt64LittleEndian(internalKey[^TrailerSize..]);

    public static ulong Pack(ulong sequence, byte type) => sequence << 8 | type;

    public static int Compare(ReadOnlySpan<byte> userKeyA, ulong trailerA, ReadOnlySpan<byte> userKeyB, ulong trailerB)
    {
        var c = userKeyA.SequenceCompareTo(userKeyB);
        if (c != 0) return c;
        return trailerB.CompareTo(trailerA);
    }

    public static byte[] Encode(ReadOnlySpan<byte> userKey, ulong sequence, byte type)
    {
        var key = new byte[userKey.Length + TrailerSize];
        userKey.CopyTo(key);
        BinaryPrimitives.WriteUInt64LittleEndian(key.AsSpan(userKey.Length), Pack(sequence, type));
        return key;
    }
}
