namespace DataScrub.Formats.Hdf5;

/// <summary>
/// How a chunked dataset's rows are cut into chunks: row block b holds rows [b*ChunkRows, (b+1)*ChunkRows),
/// and each row block holds <see cref="TrailingChunks"/> chunks over the other dimensions, numbered
/// row-major. A chunk is named (block, trailing).
/// </summary>
internal sealed class Hdf5ChunkGrid
{
    public Hdf5ChunkGrid(ulong[] dims, ulong[] maxDims, ulong[] chunkDims, int elementSize)
    {
        if (chunkDims.Length != dims.Length || chunkDims.Any(c => c == 0))
            throw new InvalidDataException($"chunk dimensions [{string.Join(",", chunkDims)}] do not fit dataset dimensions [{string.Join(",", dims)}]");
        Dims = dims.Select(d => checked((long)d)).ToArray();
        ChunkDims = chunkDims.Select(d => checked((long)d)).ToArray();
        ElementSize = elementSize;
        Scaled = Dims.Zip(ChunkDims, (d, c) => (d + c - 1) / c).ToArray();
        // Unlimited maximum dimensions (all ones) are treated as the current ones: only the fixed-array and
        // implicit indexes use the maximum, and both require fixed maximum dimensions.
        MaxScaled = maxDims.Length == dims.Length
            ? maxDims.Zip(ChunkDims, (m, c) => m == ulong.MaxValue ? 0 : (long)((m + (ulong)c - 1) / (ulong)c)).Select((m, i) => Math.Max(m, Scaled[i])).ToArray()
            : Scaled;
        TrailingChunks = Scaled.Skip(1).Aggregate(1L, (a, s) => checked(a * s));
        ChunkBytes = checked(ChunkDims.Aggregate(1L, (a, c) => checked(a * c)) * elementSize);
        RowBytes = checked(Dims.Skip(1).Aggregate(1L, (a, d) => checked(a * d)) * elementSize);
        FullRows = Dims.Skip(1).SequenceEqual(ChunkDims.Skip(1));
        Unlimited = maxDims.Length == dims.Length ? maxDims.Select(m => m == ulong.MaxValue).ToArray() : new bool[dims.Length];
    }

    /// <summary>Which dimensions have an unlimited maximum (h5py's maxshape None).</summary>
    public bool[] Unlimited { get; }

    public long[] Dims { get; }

    public long[] ChunkDims { get; }

    public int ElementSize { get; }

    /// <summary>Chunks along each dimension (current dimensions).</summary>
    public long[] Scaled { get; }

    /// <summary>Chunks along each dimension of the maximum dimensions.</summary>
    public long[] MaxScaled { get; }

    public long Rows => Dims[0];

    public long ChunkRows => ChunkDims[0];

    public long Blocks => Scaled[0];

    public long TrailingChunks { get; }

    /// <summary>Bytes of an unfiltered chunk (edge chunks are stored whole).</summary>
    public long ChunkBytes { get; }

    public long RowBytes { get; }

    /// <summary>True when a chunk holds whole rows (its other dimensions are the dataset's).</summary>
    public bool FullRows { get; }

    /// <summary>The chunk at scaled coordinates, or null when they lie outside the current dimensions.</summary>
    public (long Block, long Trailing)? FromScaled(ReadOnlySpan<long> scaled)
    {
        long trailing = 0;
        for (var i = 1; i < Scaled.Length; i++)
        {
            if (scaled[i] >= Scaled[i]) return null;
            trailing = trailing * Scaled[i] + scaled[i];
        }
        return scaled[0] < Blocks ? (scaled[0], trailing) : null;
    }

    /// <summary>Scaled coordinates of a chunk's linear index over the maximum dimensions (fixed-array and
    /// implicit indexes number chunks this way).</summary>
    public void MaxLinearToScaled(long index, Span<long> scaled)
    {
        for (var i = MaxScaled.Length - 1; i >= 0; i--)
        {
            scaled[i] = index % MaxScaled[i];
            index /= MaxScaled[i];
        }
    }

    /// <summary>A chunk's linear index over the maximum dimensions.</summary>
    public long MaxLinear(long block, long trailing)
    {
        Span<long> scaled = stackalloc long[Scaled.Length];
        ToScaled(block, trailing, scaled);
        long index = 0;
        for (var i = 0; i < scaled.Length; i++) index = index * MaxScaled[i] + scaled[i];
        return index;
    }

    public void ToScaled(long block, long trailing, Span<long> scaled)
    {
        scaled[0] = block;
        for (var i = Scaled.Length - 1; i >= 1; i--)
        {
            scaled[i] = trailing % Scaled[i];
            trailing /= Scaled[i];
        }
    }

    /// <summary>Copies rows [first, end) of chunk (block, trailing), decoded, into <paramref name="rows"/>,
    /// which holds dataset rows from <paramref name="rowsStart"/> on, row-major.</summary>
    public void CopyRows(ReadOnlySpan<byte> chunk, long block, long trailing, long first, long end, Span<byte> rows, long rowsStart)
    {
        var chunkFirst = block * ChunkRows;
        first = Math.Max(first, chunkFirst);
        end = Math.Min(end, Math.Min(chunkFirst + ChunkRows, Rows));
        if (end <= first) return;
        var chunkRowBytes = ChunkBytes / ChunkRows;
        if (FullRows)
        {
            chunk.Slice(checked((int)((first - chunkFirst) * chunkRowBytes)), checked((int)((end - first) * RowBytes)))
                .CopyTo(rows.Slice(checked((int)((first - rowsStart) * RowBytes))));
            return;
        }
        var rank = Dims.Length;
        Span<long> scaled = stackalloc long[rank];
        ToScaled(block, trailing, scaled);
        // Elements of this chunk inside the dataset along each trailing dimension (edge chunks are cut).
        Span<long> extent = stackalloc long[rank];
        for (var i = 1; i < rank; i++) extent[i] = Math.Min(ChunkDims[i], Dims[i] - scaled[i] * ChunkDims[i]);
        var run = checked((int)(extent[rank - 1] * ElementSize));
        Span<long> at = stackalloc long[rank];
        for (var row = first; row < end; row++)
        {
            at.Clear();
            while (true)
            {
                // Offsets of the run (at[1..rank-2], all of the last dimension) in the chunk and in the rows.
                long source = row - chunkFirst, target = row - rowsStart;
                for (var i = 1; i < rank; i++)
                {
                    source = source * ChunkDims[i] + at[i];
                    target = target * Dims[i] + scaled[i] * ChunkDims[i] + at[i];
                }
                chunk.Slice(checked((int)(source * ElementSize)), run).CopyTo(rows.Slice(checked((int)(target * ElementSize)), run));
                var d = rank - 2;
                while (d >= 1 && ++at[d] == extent[d]) at[d--] = 0;
                if (d < 1) break;
            }
        }
    }
}
