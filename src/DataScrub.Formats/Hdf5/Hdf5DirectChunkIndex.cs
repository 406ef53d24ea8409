namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The two chunk "indexes" of layout message version 4 that are only an address: a single chunk (the
/// dataset is one chunk; filtered size and mask are in the layout message), and the implicit index
/// (every chunk allocated at creation, unfiltered, chunk i at address + i x chunk bytes, numbered over
/// the maximum dimensions). An undefined address means nothing was ever written.
/// </summary>
internal sealed class Hdf5DirectChunkIndex : Hdf5ChunkIndex
{
    private readonly Hdf5Superblock superblock;
    private readonly Hdf5StorageLayout.Chunked layout;

    /// <exception cref="InvalidDataException">An implicit index whose chunks cannot all lie in the file (a damaged
    /// dataspace or layout: walking it would visit chunks that do not exist, up to billions of them).</exception>
    public Hdf5DirectChunkIndex(Hdf5ChunkGrid grid, Hdf5MetadataReader metadata, Hdf5StorageLayout.Chunked layout) : base(grid)
    {
        superblock = metadata.Superblock;
        this.layout = layout;
        // A single chunk holds the whole dataset (the library uses this index only when the chunk is the maximum
        // dimensions): a dataspace larger than the chunk is damaged, and walking it would yield the one chunk for each
        // of billions of grid places (a hang found by AFL++, fuzz/regressions/hdf5).
        if (layout.Index == Hdf5ChunkIndexKind.SingleChunk && (grid.Blocks > 1 || grid.TrailingChunks > 1))
            throw new InvalidDataException($"the dataset is stored as a single chunk of [{string.Join(",", grid.ChunkDims)}] values, but its dimensions [{string.Join(",", grid.Dims)}] need {grid.Blocks} x {grid.TrailingChunks} chunks (damaged layout or dataspace)");
        if (!Exists || layout.Index != Hdf5ChunkIndexKind.Implicit) return;
        var start = superblock.Absolute(layout.IndexAddress);
        ulong bytes = (ulong)grid.ChunkBytes;
        foreach (var scaled in grid.MaxScaled)
            bytes = scaled <= 0 ? 0 : bytes > ulong.MaxValue / (ulong)scaled ? ulong.MaxValue : bytes * (ulong)scaled;
        if (start < 0 || bytes > (ulong)Math.Max(0, metadata.FileLength - start))
            throw new InvalidDataException($"the implicit chunk index at offset {start} addresses {(bytes == ulong.MaxValue ? "more than 2^64" : bytes.ToString(System.Globalization.CultureInfo.InvariantCulture))} bytes of chunks, past the end of the {metadata.FileLength}-byte file");
    }

    private bool Exists => !superblock.IsUndefined(layout.IndexAddress);

    public override IEnumerable<Hdf5Chunk> Allocated()
    {
        if (!Exists) yield break;
        for (long block = 0; block < Grid.Blocks; block++)
        for (long trailing = 0; trailing < Grid.TrailingChunks; trailing++)
            yield return Find(block, trailing)!.Value;
    }

    public override Hdf5Chunk? Find(long block, long trailing)
    {
        if (!Exists) return null;
        if (layout.Index == Hdf5ChunkIndexKind.SingleChunk)
            return layout.Single is { } filtered
                ? new Hdf5Chunk(block, trailing, layout.IndexAddress, filtered.Size, filtered.Mask)
                : new Hdf5Chunk(block, trailing, layout.IndexAddress, (ulong)Grid.ChunkBytes, 0);
        var offset = checked((ulong)(Grid.MaxLinear(block, trailing) * Grid.ChunkBytes));
        return new Hdf5Chunk(block, trailing, layout.IndexAddress + offset, (ulong)Grid.ChunkBytes, 0);
    }
}
