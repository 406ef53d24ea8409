namespace DataScrub.Sharding;

/// <summary>
/// The per-sample records a shard keeps for the analyses whose state depends on where a sample stands in the whole
/// dataset (storage-order batches, ranges, first occurrences), which a shard cannot know: it does not know how many
/// samples the shards before it hold. The merge replays them at their final positions. A worker batch's log is in
/// memory; the dataset's log (the aggregator's, which grows with the shard) goes to a temporary file, so the shard's
/// memory stays bounded. Each record is a length (varint) and its bytes; one record per sample, in storage order.
/// </summary>
public sealed class ShardLog : IDisposable
{
    /// <summary>Records per chunk the merge replays at a time (about a worker batch).</summary>
    public const int ChunkRecords = 4096;

    private const int SpillBytes = 1 << 20;

    private byte[] _buffer = new byte[256];
    private int _length;
    private FileStream? _spill;

    public long Records { get; private set; }

    /// <summary>Bytes of records held (in memory and in the spill file).</summary>
    public long Bytes => (_spill?.Length ?? 0) + _length;

    public void Append(ReadOnlySpan<byte> record)
    {
        Span<byte> prefix = stackalloc byte[5];
        var prefixLength = WriteVarint(prefix, (uint)record.Length);
        Reserve(prefixLength + record.Length);
        prefix[..prefixLength].CopyTo(_buffer.AsSpan(_length));
        _length += prefixLength;
        record.CopyTo(_buffer.AsSpan(_length));
        _length += record.Length;
        Records++;
    }

    /// <summary>Appends the records of <paramref name="later"/> (the samples that follow); past a megabyte the
    /// records go to a temporary file.</summary>
    public void AppendFrom(ShardLog later)
    {
        if (later._spill is not null) throw new InvalidOperationException("a spilled log is the dataset's: it is appended to, not appended");
        Reserve(later._length);
        later._buffer.AsSpan(0, later._length).CopyTo(_buffer.AsSpan(_length));
        _length += later._length;
        Records += later.Records;
        if (_length >= SpillBytes) Spill();
    }

    /// <summary>Writes the record count, the byte count and the records.</summary>
    public void WriteTo(ShardStateWriter writer)
    {
        writer.Write(Records);
        writer.Write(Bytes);
        writer.Flush();
        if (_spill is not null)
        {
            _spill.Flush();
            _spill.Position = 0;
            _spill.CopyTo(writer.Stream);
            _spill.Position = _spill.Length;
        }
        writer.Stream.Write(_buffer, 0, _length);
    }

    /// <summary>The records <see cref="WriteTo"/> wrote, in chunks of at most <see cref="ChunkRecords"/>; each chunk's
    /// first record number is its index in the shard. Read lazily: enumerate to the end before reading on.</summary>
    public static IEnumerable<(long First, List<byte[]> Records)> ReadChunks(ShardStateReader reader)
    {
        var records = reader.ReadInt64();
        var bytes = reader.ReadInt64();
        var stream = reader.Stream;
        if (records < 0 || bytes < records || (stream.CanSeek && bytes > stream.Length - stream.Position))
            throw reader.Damaged($"a log of {records} records in {bytes} bytes does not fit in the file");
        var end = stream.Position + bytes;
        long first = 0;
        while (first < records)
        {
            var chunk = new List<byte[]>((int)Math.Min(ChunkRecords, records - first));
            while (chunk.Count < ChunkRecords && first + chunk.Count < records)
            {
                var length = ReadVarint(reader);
                if (length > end - stream.Position) throw reader.Damaged($"a log record of {length} bytes runs past the log's end");
                var record = new byte[length];
                stream.ReadExactly(record);
                chunk.Add(record);
            }
            yield return (first, chunk);
            first += chunk.Count;
        }
        if (stream.Position != end) throw reader.Damaged("the log's records do not fill its bytes");
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_length + bytes, 2 * _buffer.Length));
    }

    private void Spill()
    {
        if (_spill is null)
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"datascrub-shard-{Guid.NewGuid():N}.log");
            _spill = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            // Unlinked at once where the open handle keeps it readable: nothing is left behind if the process is killed.
            if (!OperatingSystem.IsWindows()) File.Delete(path);
        }
        _spill.Write(_buffer, 0, _length);
        _length = 0;
        if (_buffer.Length > 4 * SpillBytes) _buffer = new byte[2 * SpillBytes];
    }

    private static int WriteVarint(Span<byte> into, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            into[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        into[i++] = (byte)value;
        return i;
    }

    private static int ReadVarint(ShardStateReader reader)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = reader.ReadByte();
            value |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return value > int.MaxValue ? throw reader.Damaged("a log record's length is out of range") : (int)value;
        }
        throw reader.Damaged("a log record's length is not a varint");
    }

    public void Dispose() => _spill?.Dispose();
}
