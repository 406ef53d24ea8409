using Snappier;

namespace DataScrub.Formats.LevelDb;

/// <summary>
/// Writes one sorted table: data blocks (restart interval 16), an empty metaindex block, the index
/// block (one entry per data block, keyed by the block's last internal key) and the footer. A block is
/// stored Snappy-compressed only when that saves at least 1/8, the rule LevelDB applies.
/// </summary>
internal sealed class TableBuilder : IDisposable
{
    private const byte NoCompression = 0;
    private const byte SnappyCompression = 1;

    private readonly FileStream _file;
    private readonly int _blockSize;
    private readonly bool _compress;
    private readonly BlockBuilder _data = new(16);
    private readonly BlockBuilder _index = new(1);
    private byte[]? _smallest;
    private byte[] _largest = [];

    public TableBuilder(string path, int blockSize, bool compress)
    {
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
        _blockSize = blockSize;
        _compress = compress;
    }

    public long FileSize => _file.Length;

    /// <summary>Bytes written so far plus the open block: what the next Add would roll on.</summary>
    public long EstimatedSize => _file.Position + _data.EstimatedSize;

    public int Entries { get; private set; }

    public void Add(ReadOnlySpan<byte> internalKey, ReadOnlySpan<byte> value)
    {
        _smallest ??= internalKey.ToArray();
        _data.Add(internalKey, value);
        Entries++;
        if (_data.EstimatedSize >= _blockSize) FlushDataBlock();
    }

    /// <summary>Writes the remaining blocks and the footer, flushed to disk; returns the smallest and largest keys.</summary>
    public (byte[] Smallest, byte[] Largest, ulong Size) Finish()
    {
        FlushDataBlock();
        var metaIndex = WriteBlock(new BlockBuilder(16).Finish());
        var index = WriteBlock(_index.Finish());
        _file.Write(new TableFooter(metaIndex, index).Encode());
        _file.Flush(flushToDisk: true);
        return (_smallest ?? [], _largest, (ulong)_file.Length);
    }

    private void FlushDataBlock()
    {
        if (_data.IsEmpty) return;
        _largest = _data.LastKey.ToArray();
        var handle = WriteBlock(_data.Finish());
        Span<byte> encoded = stackalloc byte[BlockHandle.MaxEncodedLength];
        _index.Add(_largest, encoded[..handle.EncodeTo(encoded)]);
        _data.Reset();
    }

    private BlockHandle WriteBlock(byte[] contents)
    {
        var type = NoCompression;
        ReadOnlySpan<byte> stored = contents;
        if (_compress)
        {
            var compressed = Snappy.CompressToArray(contents);
            if (compressed.Length < contents.Length - contents.Length / 8)
            {
                stored = compressed;
                type = SnappyCompression;
            }
        }
        var handle = new BlockHandle((ulong)_file.Position, (ulong)stored.Length);
        _file.Write(stored);
        var crc = LevelDbCrc32C.Finish(LevelDbCrc32C.Append(LevelDbCrc32C.Append(LevelDbCrc32C.Start, stored), type));
        Span<byte> trailer = stackalloc byte[BlockHandle.TrailerSize];
        trailer[0] = type;
        BitConverter.TryWriteBytes(trailer[1..], LevelDbCrc32C.Mask(crc));
        _file.Write(trailer);
        return handle;
    }

    public void Dispose() => _file.Dispose();
}
