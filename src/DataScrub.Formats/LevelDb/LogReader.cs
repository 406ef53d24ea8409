using System.Buffers.Binary;

namespace DataScrub.Formats.LevelDb;

/// <summary>
/// Reads the records of a LevelDB log file (write-ahead <c>.log</c> or <c>MANIFEST</c>): 32 KiB blocks of
/// checksummed FULL/FIRST/MIDDLE/LAST fragments, with the recovery rules of LevelDB's own log reader: a
/// damaged fragment drops the rest of its block and is reported; a record cut off by the end of the
/// file (the writer died mid-write) is dropped and reported as torn, not as damage. Streams the file.
/// </summary>
internal sealed class LogReader(Stream stream)
{
    private readonly byte[] _block = new byte[LogFormat.BlockSize];
    private readonly MemoryStream _record = new();
    private int _blockLength;
    private int _blockPosition;
    private long _blockStart = -LogFormat.BlockSize;
    private bool _eof;
    private (long Offset, string Reason)? _tornFragment;

    /// <summary>Damage: file offset, bytes dropped, reason.</summary>
    public event Action<long, long, string>? Corruption;

    /// <summary>A torn final record: file offset where it starts, reason.</summary>
    public event Action<long, string>? Torn;

    /// <summary>File offset where the last returned record started.</summary>
    public long RecordOffset { get; private set; }

    /// <summary>The next complete record, or null at the end of the log. The array is the caller's.</summary>
    public byte[]? ReadRecord()
    {
        var inFragmented = false;
        _record.SetLength(0);
        long recordStart = 0;
        while (true)
        {
            var type = ReadPhysical(out var fragmentStart, out var fragmentLength, out var offset);
            ReadOnlySpan<byte> fragment = _block.AsSpan(fragmentStart, fragmentLength);
            switch (type)
            {
                case LogFormat.Full:
                    if (inFragmented && _record.Length > 0)
                        Corruption?.Invoke(recordStart, _record.Length, "partial record without end");
                    RecordOffset = offset;
                    return fragment.ToArray();
                case LogFormat.First:
                    if (inFragmented && _record.Length > 0)
                        Corruption?.Invoke(recordStart, _record.Length, "partial record without end");
                    _record.SetLength(0);
                    _record.Write(fragment);
                    recordStart = offset;
                    inFragmented = true;
                    break;
                case LogFormat.Middle:
                    if (!inFragmented)
                        Corruption?.Invoke(offset, fragment.Length, "missing start of fragmented record");
                    else
                        _record.Write(fragment);
                    break;
                case LogFormat.Last:
                    if (!inFragmented)
                    {
                        Corruption?.Invoke(offset, fragment.Length, "missing start of fragmented record");
                        break;
                    }
                    _record.Write(fragment);
                    RecordOffset = recordStart;
                    return _record.ToArray();
                case EndOfFile:
                    // One torn write, one report: the record it belongs to if it was fragmented, else the cut fragment.
                    if (inFragmented && _record.Length > 0)
                        Torn?.Invoke(recordStart, $"a record started at offset {recordStart} ({_record.Length} bytes read) has no last fragment before the end of the file");
                    else if (_tornFragment is { } torn)
                        Torn?.Invoke(torn.Offset, torn.Reason);
                    _tornFragment = null;
                    return null;
                case BadRecord:
                    if (inFragmented)
                    {
                        Corruption?.Invoke(recordStart, _record.Length, "error in the middle of a fragmented record");
                        inFragmented = false;
                        _record.SetLength(0);
                    }
                    break;
                default:
                    Corruption?.Invoke(offset, fragment.Length + LogFormat.HeaderSize, $"unknown record type {type}");
                    if (inFragmented)
                    {
                        inFragmented = false;
                        _record.SetLength(0);
                    }
                    break;
            }
        }
    }

    private const int EndOfFile = 256;
    private const int BadRecord = 257;

    private int ReadPhysical(out int fragmentStart, out int fragmentLength, out long offset)
    {
        fragmentStart = 0;
        fragmentLength = 0;
        offset = 0;
        while (true)
        {
            var left = _blockLength - _blockPosition;
            if (left < LogFormat.HeaderSize)
            {
                if (_eof)
                {
                    if (left > 0 && _block.AsSpan(_blockPosition, left).ContainsAnyExcept((byte)0))
                        _tornFragment = (_blockStart + _blockPosition, $"the file ends inside a record header ({left} bytes)");
                    _blockPosition = _blockLength;
                    return EndOfFile;
                }
                ReadBlock();
                continue;
            }
            ReadOnlySpan<byte> header = _block.AsSpan(_blockPosition, LogFormat.HeaderSize);
            offset = _blockStart + _blockPosition;
            var length = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
            var type = header[6];
            if (LogFormat.HeaderSize + length > left)
            {
                _blockPosition = _blockLength;
                if (!_eof)
                {
                    Corruption?.Invoke(offset, left, $"bad record length {length}");
                    return BadRecord;
                }
                _tornFragment = (offset, $"the file ends inside a {length}-byte fragment at offset {offset}");
                return EndOfFile;
            }
            if (type == LogFormat.Zero && length == 0)
            {
                // Zero-filled space from a preallocating writer: skip the rest of the block, as LevelDB does.
                _blockPosition = _blockLength;
                return BadRecord;
            }
            var payload = _block.AsSpan(_blockPosition + LogFormat.HeaderSize, length);
            var expected = LevelDbCrc32C.Unmask(BinaryPrimitives.ReadUInt32LittleEndian(header));
            var actual = LevelDbCrc32C.Finish(LevelDbCrc32C.Append(LevelDbCrc32C.Append(LevelDbCrc32C.Start, type), payload));
            if (expected != actual)
            {
                Corruption?.Invoke(offset, left, "checksum mismatch");
                _blockPosition = _blockLength;
                return BadRecord;
            }
            fragmentStart = _blockPosition + LogFormat.HeaderSize;
            fragmentLength = length;
            _blockPosition += LogFormat.HeaderSize + length;
            return type;
        }
    }

    private void ReadBlock()
    {
        _blockStart += LogFormat.BlockSize;
        _blockLength = stream.ReadAtLeast(_block, LogFormat.BlockSize, throwOnEndOfStream: false);
        _blockPosition = 0;
        if (_blockLength < LogFormat.BlockSize) _eof = true;
    }
}
