using System.Buffers.Binary;

namespace DataScrub.Formats.LevelDb;

/// <summary>Decodes a WriteBatch (a .log record): <c>fixed64 sequence | fixed32 count</c>, then per entry
/// <c>0x01 key value</c> (put) or <c>0x00 key</c> (delete), entry i carrying sequence + i.</summary>
internal static class WriteBatchDecoder
{
    public const int HeaderSize = 12;

    public delegate void EntryHandler(ReadOnlySpan<byte> key, ulong sequence, byte type, ReadOnlySpan<byte> value);

    /// <returns>Null when the batch decoded completely, else what is wrong with it.</returns>
    public static string? Decode(ReadOnlySpan<byte> batch, EntryHandler handler)
    {
        if (batch.Length < HeaderSize) return $"write batch of {batch.Length} bytes is shorter than its header";
        var sequence = BinaryPrimitives.ReadUInt64LittleEndian(batch);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(batch[8..]);
        var p = HeaderSize;
        uint found = 0;
        while (p < batch.Length)
        {
            var tag = batch[p++];
            if (!LevelDbCoding.TryReadLengthPrefixed(batch, ref p, out var key)) return $"garbled key in entry {found}";
            switch (tag)
            {
                case InternalKey.TypeValue:
                    if (!LevelDbCoding.TryReadLengthPrefixed(batch, ref p, out var value)) return $"garbled value in entry {found}";
                    handler(key, sequence + found, InternalKey.TypeValue, value);
                    break;
                case InternalKey.TypeDeletion:
                    handler(key, sequence + found, InternalKey.TypeDeletion, default);
                    break;
                default:
                    return $"unknown entry tag {tag} in entry {found}";
            }
            found++;
        }
        return found == count ? null : $"write batch says {count} entries but holds {found}";
    }
}
