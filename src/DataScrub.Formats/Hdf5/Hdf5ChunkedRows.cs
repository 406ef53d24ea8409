using DataScrub.Formats.Buffers;
using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// A chunked dataset's rows, read by DataScrub: chunks found through the chunk index, read from the
/// file, their filters undone (<see cref="Hdf5ChunkFilters"/>, honouring each chunk's filter mask), and
/// cut into rows, in the file's byte order. One walk of the index at open tells which row blocks have
/// every chunk (readable), none or only some (unwritten: HDF5 reads the fill value there), or need a
/// filter DataScrub cannot decode.
/// </summary>
internal sealed class Hdf5ChunkedRows : IHdf5RowStorage
{
    private readonly SafeFileHandle _handle;
    private readonly Hdf5Superblock _superblock;
    private readonly Hdf5ChunkIndex _index;
    private readonly IReadOnlyList<Hdf5Filter> _filters;
    private readonly byte[] _fillValue;
    private readonly string _name;

    /// <summary>Decoded chunks kept at most: about the reader's largest slab.</summary>
    internal const long CacheBytes = 64L << 20;

    // The decoded chunks of the last row block read: rows are read in slabs of whole row blocks, and the
    // rewriter reads a block's rows one run at a time.
    private long _cachedBlock = -1;
    private readonly Dictionary<long, byte[]> _cachedChunks = [];

    // The next row blocks' chunks, being read and decoded on the thread pool while the caller copies and checks
    // this one: inflating gzip chunks is most of an HDF5 scan's work, and the reader's thread alone would do all of it.
    // Only for one chunk per row block (chunks spanning every column, the common layout) and filtered chunks; as many
    // in flight as there are cores, within the cache's bytes.
    private readonly Queue<(long Block, Task<byte[]> Decoding)> _ahead = new();
    private long _aheadUpTo;

    public Hdf5ChunkedRows(SafeFileHandle handle, Hdf5Superblock superblock, string name, Hdf5ChunkIndex index, IReadOnlyList<Hdf5Filter> filters, byte[]? fillValue)
    {
        _handle = handle;
        _superblock = superblock;
        _index = index;
        _filters = filters;
        _name = name;
        if (Grid.ChunkBytes > Array.MaxLength) throw new InvalidDataException($"'{name}' has chunks of {Grid.ChunkBytes} bytes, more than DataScrub holds in memory");
        _fillValue = fillValue is { Length: > 0 } ? fillValue : new byte[Grid.ElementSize];
        (Readable, Unwritten, Undecodable) = Survey();
    }

    private Hdf5ChunkGrid Grid => _index.Grid;

    public Hdf5RowRanges Readable { get; }

    public Hdf5RowRanges Unwritten { get; }

    public (Hdf5RowRanges Rows, Hdf5Filter Filter)? Undecodable { get; }

    /// <summary>One pass over the allocated chunks, in grid order: a row block is readable when all its
    /// chunks exist and need only filters DataScrub decodes.</summary>
    private (Hdf5RowRanges, Hdf5RowRanges, (Hdf5RowRanges, Hdf5Filter)?) Survey()
    {
        var readable = new Hdf5RowRanges();
        var undecodable = new Hdf5RowRanges();
        Hdf5Filter? firstUndecodable = null;
        long block = -1, present = 0;
        Hdf5Filter? blockFilter = null;
        void Close()
        {
            if (block < 0 || present < Grid.TrailingChunks) return;
            var (first, end) = (block * Grid.ChunkRows, Math.Min((block + 1) * Grid.ChunkRows, Grid.Rows));
            if (blockFilter is null) readable.Add(first, end);
            else undecodable.Add(first, end);
        }
        foreach (var chunk in _index.Allocated())
        {
            if (chunk.Block != block)
            {
                Close();
                (block, present, blockFilter) = (chunk.Block, 0, null);
            }
            present++;
            if (Hdf5ChunkFilters.Unsupported(_filters, chunk.FilterMask) is { } filter)
            {
                blockFilter ??= filter;
                firstUndecodable ??= filter;
            }
        }
        Close();
        var unwritten = readable.Complement(Grid.Rows).Except(undecodable);
        return (readable, unwritten, firstUndecodable is null ? null : (undecodable, firstUndecodable));
    }

    public void Read(long start, int count, Span<byte> destination)
    {
        var end = start + count;
        for (var block = start / Grid.ChunkRows; block * Grid.ChunkRows < end; block++)
        for (long trailing = 0; trailing < Grid.TrailingChunks; trailing++)
        {
            var (chunk, cached) = Decoded(block, trailing);
            try
            {
                Grid.CopyRows(chunk.AsSpan(0, (int)Grid.ChunkBytes), block, trailing, start, end, destination, start);
            }
            finally
            {
                if (!cached) LargeArrayPool.Return(chunk);
            }
        }
    }

    /// <summary>The decoded chunk (block, trailing) in a pooled buffer of at least a chunk's bytes, and whether it
    /// is kept for the next read of the same row block (else the caller returns it); a chunk never written is the
    /// fill value. A row block's chunks are kept while they fit in <see cref="CacheBytes"/>: tall chunks of a wide
    /// dataset (a block of 100,000 rows across every column) would otherwise hold the whole dataset; past the limit
    /// a chunk is decoded again for each slab that needs it, slower but bounded.</summary>
    private (byte[] Chunk, bool Cached) Decoded(long block, long trailing)
    {
        if (block != _cachedBlock)
        {
            foreach (var buffer in _cachedChunks.Values) LargeArrayPool.Return(buffer);
            _cachedChunks.Clear();
            _cachedBlock = block;
        }
        if (_cachedChunks.TryGetValue(trailing, out var cached)) return (cached, true);
        byte[] decoded;
        while (_ahead.TryPeek(out var stale) && stale.Block < block && trailing == 0) _ahead.Dequeue(); // skipped rows
        if (trailing == 0 && _ahead.TryPeek(out var ahead) && ahead.Block == block)
        {
            _ahead.Dequeue();
            decoded = ahead.Decoding.GetAwaiter().GetResult(); // a damaged chunk throws here, as decoding it now would
        }
        else
        {
            decoded = LargeArrayPool.Rent((int)Grid.ChunkBytes);
            try
            {
                if (_index.Find(block, trailing) is { } chunk) Decode(chunk, decoded);
                else Fill(decoded.AsSpan(0, (int)Grid.ChunkBytes));
            }
            catch
            {
                LargeArrayPool.Return(decoded);
                throw;
            }
        }
        if (trailing == 0) DecodeAhead(block);
        if ((_cachedChunks.Count + 1) * Grid.ChunkBytes > CacheBytes) return (decoded, false);
        _cachedChunks[trailing] = decoded;
        return (decoded, true);
    }

    /// <summary>Starts reading and decoding the chunks of the row blocks after <paramref name="current"/> on the thread
    /// pool (see <see cref="_ahead"/>). The index is searched here, on the reader's thread; a block it cannot find is
    /// left to the reader, which says why when it gets there.</summary>
    private void DecodeAhead(long current)
    {
        if (Grid.TrailingChunks != 1 || _filters.Count == 0) return;
        var depth = (int)Math.Clamp(CacheBytes / Math.Max(1, Grid.ChunkBytes) / 2, 0, Environment.ProcessorCount);
        _aheadUpTo = Math.Max(_aheadUpTo, current);
        while (_ahead.Count < depth && _aheadUpTo + 1 < Grid.Blocks)
        {
            var block = _aheadUpTo + 1;
            Hdf5Chunk? chunk;
            try
            {
                chunk = _index.Find(block, 0);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                return;
            }
            if (chunk is not { } found) return;
            _aheadUpTo = block;
            _ahead.Enqueue((block, Task.Run(() =>
            {
                var decoded = LargeArrayPool.Rent((int)Grid.ChunkBytes);
                try
                {
                    Decode(found, decoded);
                    return decoded;
                }
                catch
                {
                    LargeArrayPool.Return(decoded);
                    throw;
                }
            })));
        }
    }

    private void Decode(Hdf5Chunk chunk, byte[] decoded)
    {
        var position = _superblock.Absolute(chunk.Address);
        if (chunk.Size > int.MaxValue || position + (long)chunk.Size > RandomAccess.GetLength(_handle))
            throw new IOException($"a chunk of '{_name}' (rows from {chunk.Block * Grid.ChunkRows}) at offset {position} ends past the end of the file (truncated)");
        var needsFilters = Enumerable.Range(0, _filters.Count).Any(j => (chunk.FilterMask >> j & 1) == 0);
        if (!needsFilters)
        {
            if ((long)chunk.Size != Grid.ChunkBytes)
                throw new InvalidDataException($"an unfiltered chunk of '{_name}' at offset {position} holds {chunk.Size} bytes, not {Grid.ChunkBytes}");
            Hdf5FileReads.ReadExactly(_handle, position, decoded.AsSpan(0, (int)Grid.ChunkBytes), _name);
            return;
        }
        var stored = LargeArrayPool.Rent((int)chunk.Size);
        try
        {
            Hdf5FileReads.ReadExactly(_handle, position, stored.AsSpan(0, (int)chunk.Size), _name);
            Hdf5ChunkFilters.Decode(_filters, chunk.FilterMask, Grid.ElementSize, stored.AsSpan(0, (int)chunk.Size), decoded.AsSpan(0, (int)Grid.ChunkBytes));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"the chunk of '{_name}' at offset {position} (rows from {chunk.Block * Grid.ChunkRows}) is damaged: {e.Message}", e);
        }
        finally
        {
            LargeArrayPool.Return(stored);
        }
    }

    private void Fill(Span<byte> chunk)
    {
        for (var at = 0; at + _fillValue.Length <= chunk.Length; at += _fillValue.Length) _fillValue.CopyTo(chunk[at..]);
    }
}
