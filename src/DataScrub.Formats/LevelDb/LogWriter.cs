using System.Buffers.Binary;

namespace DataScrub.Formats.LevelDb;

/// <summary>Writes records in LevelDB's log format (used for the MANIFEST, and by tests for logs).</summary>
internal sealed class LogWriter(Stream stream)
{
    private int _blockOffset;

    public void AddRecord(ReadOnlySpan<byte> payload)
    {
        var begin = true;
        do
        {
            var leftover = LogFormat.BlockSize - _blockOffset;
            if (leftover < LogFormat.HeaderSize)
            {
                // Too little room for a header: zero-fill the trailer and start a new block.
                stream.Write(new byte[leftover]);
                _blockOffset = 0;
            }
            var available = LogFormat.BlockSize - _blockOffset - LogFormat.HeaderSize;
            var fragmentLength = Math.Min(payload.Length, available);
            var end = fragmentLength == payload.Length;
            var type = begin && end ? LogFormat.Full : begin ? LogFormat.First : end ? LogFormat.Last : LogFormat.Middle;
            EmitPhysical(type, payload[..fragmentLength]);
            payload = payload[fragmentLength..];
            begin = false;
            if (end) break;
        }
        while (true);
    }

    private void EmitPhysical(byte type, ReadOnlySpan<byte> fragment)
    {
        Span<byte> header = stackalloc byte[LogFormat.HeaderSize];
        var crc = LevelDbCrc32C.Finish(LevelDbCrc32C.Append(LevelDbCrc32C.Append(LevelDbCrc32C.Start, type), fragment));
        BinaryPrimitives.WriteUInt32LittleEndian(header, LevelDbCrc32C.Mask(crc));
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], (ushort)fragment.Length);
        header[6] = type;
        stream.Write(header);
        stream.Write(fragment);
        _blockOffset += LogFormat.HeaderSize + fragment.Length;
    }
}
