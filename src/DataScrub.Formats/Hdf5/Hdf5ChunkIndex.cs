namespace DataScrub.Formats.Hdf5;

/// <summary>One allocated chunk: its place in the grid, where it is stored, how many bytes, and its
/// filter mask (bit j set: filter j of the pipeline was skipped when it was written).</summary>
internal readonly record struct Hdf5Chunk(long Block, long Trailing, ulong Address, ulong Size, uint FilterMask);

/// <summary>
/// A dataset's chunk index, read by DataScrub from the file: which chunks exist (never-written chunks have
/// no entry, or an undefined address) and where. <see cref="Allocated"/> walks them in grid order without
/// holding them all; <see cref="Find"/> looks one up.
/// </summary>
internal abstract class Hdf5ChunkIndex(Hdf5ChunkGrid grid)
{
    public Hdf5ChunkGrid Grid => grid;

    /// <summary>Every allocated chunk inside the current dimensions, in (block, trailing) order.</summary>
    public abstract IEnumerable<Hdf5Chunk> Allocated();

    /// <summary>The chunk (block, trailing), or null when it was never written.</summary>
    public abstract Hdf5Chunk? Find(long block, long trailing);

    /// <summary>The index for <paramref name="layout"/>, or null for the one kind DataScrub does not walk (an extensible
    /// array over an unlimited dimension other than the first: PureHDF reads those).</summary>
    public static Hdf5ChunkIndex? For(Hdf5StorageLayout.Chunked layout, Hdf5ChunkGrid grid, Hdf5MetadataReader metadata, bool filtered) =>
        layout.Index switch
        {
            Hdf5ChunkIndexKind.BTree1 => new Hdf5BTree1ChunkIndex(grid, metadata, layout.IndexAddress),
            Hdf5ChunkIndexKind.FixedArray => new Hdf5FixedArrayChunkIndex(grid, metadata, layout.IndexAddress, layout.FixedArrayPageBits, filtered),
            Hdf5ChunkIndexKind.SingleChunk or Hdf5ChunkIndexKind.Implicit => new Hdf5DirectChunkIndex(grid, metadata, layout),
            Hdf5ChunkIndexKind.ExtensibleArray when grid.Unlimited.Length > 0 && grid.Unlimited[0] && grid.Unlimited.Count(u => u) == 1 =>
                new Hdf5ExtensibleArrayChunkIndex(grid, metadata, layout.IndexAddress, filtered),
            Hdf5ChunkIndexKind.BTree2 => new Hdf5BTree2ChunkIndex(grid, metadata, layout.IndexAddress, filtered),
            _ => null,
        };
}
