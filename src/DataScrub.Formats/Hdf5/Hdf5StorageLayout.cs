namespace DataScrub.Formats.Hdf5;

/// <summary>Where a dataset's raw data is, as its layout message says (file addresses, not positions).</summary>
internal abstract record Hdf5StorageLayout
{
    /// <summary>One block of rows; <paramref name="Address"/> is undefined when no storage was ever allocated.</summary>
    public sealed record Contiguous(ulong Address, ulong Size) : Hdf5StorageLayout;

    /// <summary>The raw data inside the object header.</summary>
    public sealed record Compact(byte[] Data) : Hdf5StorageLayout;

    /// <param name="ChunkDims">Elements per chunk along each dataset dimension.</param>
    /// <param name="Index">How the chunks are found.</param>
    /// <param name="IndexAddress">The index's address (for a single chunk: the chunk's; implicit: the first chunk's).</param>
    public sealed record Chunked(ulong[] ChunkDims, Hdf5ChunkIndexKind Index, ulong IndexAddress, SingleChunkFilter? Single, int FixedArrayPageBits) : Hdf5StorageLayout;

    /// <summary>A layout DataScrub does not read itself (virtual datasets, or internals it could not see).</summary>
    public sealed record Other(string What) : Hdf5StorageLayout;

    /// <summary>A filtered single chunk's stored size and filter mask (layout message version 4).</summary>
    public sealed record SingleChunkFilter(ulong Size, uint Mask);
}

/// <summary>The chunk index kinds of the HDF5 file format (layout message version 3: B-tree v1; version 4: the others).</summary>
internal enum Hdf5ChunkIndexKind
{
    BTree1,
    SingleChunk,
    Implicit,
    FixedArray,
    ExtensibleArray,
    BTree2,
}
