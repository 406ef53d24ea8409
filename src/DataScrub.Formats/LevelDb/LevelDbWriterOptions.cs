namespace DataScrub.Formats.LevelDb;

/// <summary>How <see cref="LevelDbWriter"/> lays out tables. Defaults follow Caffe's LevelDB settings
/// (64 KiB blocks, Snappy) and LevelDB's ~2 MiB table files.</summary>
public sealed record LevelDbWriterOptions
{
    public int BlockSize { get; init; } = 64 * 1024;

    /// <summary>A table is closed once it reaches this size (at a key boundary).</summary>
    public long TableSize { get; init; } = 2 * 1024 * 1024;

    public bool Compress { get; init; } = true;
}
