using System.Buffers;

namespace DataScrub.Formats.Lmdb;

/// <summary>
/// Copies of the records put in the open write transaction. When LMDB's map fills up, the transaction
/// is lost (LMDB aborts it) and these are replayed into a new one after the map has grown. Cleared at
/// every commit, so memory is bounded by <see cref="LmdbWriterOptions.BytesPerTransaction"/> plus one record.
/// Keys and values are packed into one pooled buffer: no allocation per record.
/// </summary>
internal sealed class LmdbPendingRecords : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    private byte[] _buffer = [];
    private readonly List<(int Offset, int KeyLength, int ValueLength)> _records = [];
    private int _used;

    public int Count => _records.Count;

    /// <summary>Key and value bytes held.</summary>
    public long Bytes => _used;

    public void Add(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var length = (long)key.Length + value.Length;
        if (_used + length > Array.MaxLength)
            throw new InvalidOperationException($"a transaction's records exceed {Array.MaxLength} bytes; lower {nameof(LmdbWriterOptions.BytesPerTransaction)}");
        EnsureCapacity(_used + (int)length);
        key.CopyTo(_buffer.AsSpan(_used));
        value.CopyTo(_buffer.AsSpan(_used + key.Length));
        _records.Add((_used, key.Length, value.Length));
        _used += (int)length;
    }

    public ReadOnlySpan<byte> Key(int index)
    {
        var (offset, keyLength, _) = _records[index];
        return _buffer.AsSpan(offset, keyLength);
    }

    public ReadOnlySpan<byte> Value(int index)
    {
        var (offset, keyLength, valueLength) = _records[index];
        return _buffer.AsSpan(offset + keyLength, valueLength);
    }

    public void Clear()
    {
        _records.Clear();
        _used = 0;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _buffer.Length) return;
        var size = (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(InitialBufferSize, 2L * _buffer.Length)));
        var larger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _used).CopyTo(larger);
        Return();
        _buffer = larger;
    }

    private void Return()
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    public void Dispose()
    {
        Clear();
        Return();
    }
}
