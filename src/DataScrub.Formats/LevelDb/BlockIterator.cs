using System.Buffers.Binary;

namespace DataScrub.Formats.LevelDb;

/// <summary>
/// Walks the entries of one decoded block in order: <c>varint32 shared | varint32 non_shared |
/// varint32 value_length | key suffix | value</c>, keys prefix-compressed against the previous key,
/// then the restart array and its count. Every length is bounds-checked: a garbled block ends the
/// walk with an error, never an exception or an out-of-range read.
/// </summary>
internal sealed class BlockIterator
{
    private readonly byte[] _block;
    private readonly int _dataEnd;
    private byte[] _key = new byte[64];
    private int _keyLength;
    private int _position;

    private BlockIterator(byte[] block, int dataEnd)
    {
        _block = block;
        _dataEnd = dataEnd;
    }

    /// <summary>The block's bytes (values are slices of it; it is never reused).</summary>
    public byte[] Block => _block;

    public ReadOnlySpan<byte> Key => _key.AsSpan(0, _keyLength);

    public int ValueOffset { get; private set; }

    public int ValueLength { get; private set; }

    public ReadOnlySpan<byte> Value => _block.AsSpan(ValueOffset, ValueLength);

    /// <summary>Offset of the current entry inside the block, for messages.</summary>
    public int EntryOffset { get; private set; }

    public static BlockIterator? Create(byte[] block, int length, out string? error)
    {
        error = null;
        if (length < 4 || length > block.Length) { error = $"block of {length} bytes is too short for its restart count"; return null; }
        var restarts = BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(length - 4));
        var maxRestarts = (uint)(length - 4) / 4;
        if (restarts > maxRestarts) { error = $"block claims {restarts} restart points, more than its {length} bytes can hold"; return null; }
        var dataEnd = length - 4 - (int)restarts * 4;
        if (restarts == 0 && dataEnd > 0) { error = "block has entries but no restart point"; return null; }
        return new BlockIterator(block, dataEnd);
    }

    /// <returns>True on an entry; false at the end (<paramref name="error"/> null) or on damage.</returns>
    public bool MoveNext(out string? error)
    {
        error = null;
        if (_position >= _dataEnd) return false;
        ReadOnlySpan<byte> data = _block.AsSpan(0, _dataEnd);
        var p = _position;
        EntryOffset = p;
        if (!LevelDbCoding.TryReadVarint32(data, ref p, out var shared)
            || !LevelDbCoding.TryReadVarint32(data, ref p, out var nonShared)
            || !LevelDbCoding.TryReadVarint32(data, ref p, out var valueLength))
        {
            error = $"garbled entry header at block offset {EntryOffset}";
            return false;
        }
        if (shared > (uint)_keyLength || nonShared > (uint)(_dataEnd - p) || valueLength > (uint)(_dataEnd - p - (int)nonShared))
        {
            error = $"entry at block offset {EntryOffset} runs past the block (shared {shared}, key {nonShared}, value {valueLength})";
            return false;
        }
        var keyLength = (int)shared + (int)nonShared;
        if (_key.Length < keyLength) Array.Resize(ref _key, Math.Max(keyLength, _key.Length * 2));
        data.Slice(p, (int)nonShared).CopyTo(_key.AsSpan((int)shared));
        _keyLength = keyLength;
        p += (int)nonShared;
        ValueOffset = p;
        ValueLength = (int)valueLength;
        _position = p + (int)valueLength;
        return true;
    }
}
