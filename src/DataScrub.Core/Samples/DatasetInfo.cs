namespace DataScrub.Samples;

/// <summary>What a reader can say about a dataset before reading it.</summary>
/// <param name="Path">The path as the user gave it.</param>
/// <param name="Format">The format name (<c>lmdb</c>, ...), as used on the command line and in reports.</param>
/// <param name="ExpectedSamples">How many records the store says it holds, when it says so.</param>
/// <param name="ClassNames">Class name → label, when the layout defines them (class-per-subfolder images).</param>
public sealed record DatasetInfo(string Path, string Format, long? ExpectedSamples, IReadOnlyDictionary<string, long>? ClassNames = null)
{
    /// <summary>How the sample ids name the file each sample came from (<see cref="SampleFileNaming.None"/>: one store).</summary>
    public SampleFileNaming SampleFiles { get; init; } = SampleFileNaming.None;

    /// <summary>False when the format cannot hold encoded images (HDF5 rows of numbers): nothing is decoded as an image,
    /// so the analyses of decoded images need not run. True when a sample may be one (a file, an encoded Datum).</summary>
    public bool MayHoldImages { get; init; } = true;

    /// <summary>How many structural units the whole dataset is cut into (<see cref="Sample.Unit"/>), whatever the shard:
    /// a reader computes them from cheap structure (LMDB branch pages, LevelDB index blocks, HDF5 row counts, the image
    /// listing), the same in every process. 1 for a reader that does not cut.</summary>
    public long Units { get; init; } = 1;

    /// <summary>The shard this reader reads, when it reads one (<see cref="Formats.ReaderOptions.Shard"/>).</summary>
    public Sharding.ShardSpec? Shard { get; init; }
}
