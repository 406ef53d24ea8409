using PureHDF.VOL.Native;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// A writing chunk cache that holds at most <c>capacityBytes</c> of uncompressed chunks and writes out
/// the oldest first. PureHDF's default writing cache kept every chunk of a dataset until the file was
/// closed (measured: a 2 GB gzip-chunked copy peaked at 4 GB resident). The rewriter writes whole chunks
/// in row order, so a chunk that left the cache is never touched again (PureHDF refuses to write a
/// chunk twice). Each chunk is written with the writer PureHDF handed over when the chunk was created:
/// that writer knows the chunk's position, the one of a later call does not.
/// </summary>
internal sealed class BoundedWritingChunkCache(long capacityBytes) : IWritingChunkCache
{
    private readonly Dictionary<ulong, (Memory<byte> Chunk, Action<ulong, Memory<byte>> Writer)> _chunks = new();
    private readonly Queue<ulong> _order = new();
    private long _bytes;

    public Memory<byte> GetChunk(ulong index, Func<Memory<byte>> chunkAllocator, Action<ulong, Memory<byte>> chunkWriter)
    {
        if (_chunks.TryGetValue(index, out var cached)) return cached.Chunk;
        var chunk = chunkAllocator();
        while (_order.Count > 0 && _bytes + chunk.Length > capacityBytes) WriteOldest();
        _chunks[index] = (chunk, chunkWriter);
        _order.Enqueue(index);
        _bytes += chunk.Length;
        return chunk;
    }

    public void Flush(Action<ulong, Memory<byte>> chunkWriter)
    {
        while (_order.Count > 0) WriteOldest();
    }

    private void WriteOldest()
    {
        var index = _order.Dequeue();
        var (chunk, writer) = _chunks[index];
        _chunks.Remove(index);
        _bytes -= chunk.Length;
        writer(index, chunk);
    }
}
