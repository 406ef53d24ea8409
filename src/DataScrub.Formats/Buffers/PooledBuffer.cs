using System.Buffers;
using DataScrub.Samples;

namespace DataScrub.Formats.LevelDb;

/// <summary>
/// A decoded block in a pooled buffer, reference-counted: one reference for the table reader while it
/// walks the block, one per sample handed out from it. The last release returns the buffer. Without
/// this, a 1.4 GB scan allocated 1.4 GB of block arrays that lived just long enough to be promoted,
/// and on two threads the collector's pauses ate the second core.
/// </summary>
internal sealed class PooledBlock : IRecordLease
{
    private int _references = 1;
    private byte[]? _bytes;

    private PooledBlock(byte[] bytes, int length)
    {
        _bytes = bytes;
        Length = length;
    }

    public byte[] Bytes => _bytes ?? throw new ObjectDisposedException(nameof(PooledBlock), "block used after its last release");

    /// <summary>Bytes of block contents in <see cref="Bytes"/> (the rented array may be longer).</summary>
    public int Length { get; set; }

    public static PooledBlock Rent(int length) => new(ArrayPool<byte>.Shared.Rent(length), length);

    public void AddReference()
    {
        if (Interlocked.Increment(ref _references) <= 1)
            throw new InvalidOperationException("a released block was referenced again");
    }

    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left > 0) return;
        if (left < 0) throw new InvalidOperationException("a block was released more often than it was referenced");
        var bytes = Interlocked.Exchange(ref _bytes, null);
        if (bytes is not null) ArrayPool<byte>.Shared.Return(bytes);
    }
}
