using System.Buffers.Binary;

namespace DataScrub.Formats.LevelDb;

/// <summary>Builds one block in LevelDB's format: prefix-compressed entries, a full key every
/// <c>restartInterval</c> entries, the restart offsets and their count.</summary>
internal sealed class BlockBuilder(int restartInterval)
{
    private readonly MemoryStream _buffer = new();
    private readonly List<uint> _restarts = [0];
    private byte[] _lastKey = [];
    private int _sinceRestart;

    public int EntryCount { get; private set; }

    public bool IsEmpty => EntryCount == 0;

    /// <summary>Size of the block if finished now.</summary>
    public long EstimatedSize => _buffer.Length + 4L * _restarts.Count + 4;

    public ReadOnlySpan<byte> LastKey => _lastKey;

    /// <summary>Adds an entry; keys must come in the table's order (the caller checks it).</summary>
    public void Add(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var shared = 0;
        if (_sinceRestart < restartInterval)
        {
            var max = Math.Min(_lastKey.Length, key.Length);
            while (shared < max && _lastKey[shared] == key[shared]) shared++;
        }
        else
        {
            _restarts.Add((uint)_buffer.Length);
            _sinceRestart = 0;
        }
        LevelDbCoding.WriteVarint64(_buffer, (ulong)shared);
        LevelDbCoding.WriteVarint64(_buffer, (ulong)(key.Length - shared));
        LevelDbCoding.WriteVarint64(_buffer, (ulong)value.Length);
        _buffer.Write(key[shared..]);
        _buffer.Write(value);
        _lastKey = key.ToArray();
        _sinceRestart++;
        EntryCount++;
    }

    public byte[] Finish()
    {
        Span<byte> u32 = stackalloc byte[4];
        foreach (var restart in _restarts)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(u32, restart);
            _buffer.Write(u32);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(u32, (uint)_restarts.Count);
        _buffer.Write(u32);
        return _buffer.ToArray();
    }

    public void Reset()
    {
        _buffer.SetLength(0);
        _restarts.Clear();
        _restarts.Add(0);
        _lastKey = [];
        _sinceRestart = 0;
        EntryCount = 0;
    }
}
