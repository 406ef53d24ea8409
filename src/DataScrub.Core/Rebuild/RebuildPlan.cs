using DataScrub.Formats;

namespace DataScrub.Rebuild;

/// <summary>What a rebuilder writes: the source (read with its own format, which may differ from the
/// target's under <c>--to</c>), the samples and files to leave out, and the order. Decided after the scan and
/// before anything is written (<see cref="RebuildPlanner"/>); a dry run reports it.</summary>
/// <param name="Dropped">Samples left out for their own findings (those of dropped files are not repeated).</param>
/// <param name="Survivors">Samples that will be written: the source's minus the dropped and those of dropped files.</param>
/// <param name="SourceBytes">Record bytes the scan read, to size the output up front (LMDB's map).</param>
/// <param name="ShuffleSeed">Write in a seeded random order, re-keyed <c>%08d_KEY</c> like
/// <c>convert_imageset --shuffle</c>; null = storage order, same keys.</param>
public sealed record RebuildPlan(
    IDatasetFormat SourceFormat,
    string Source,
    ReaderOptions Options,
    string Destination,
    IReadOnlyList<DroppedSample> Dropped,
    long Survivors,
    long SourceBytes,
    int? ShuffleSeed)
{
    /// <summary>Files and list entries left out whole.</summary>
    public IReadOnlyList<DroppedFile> DroppedFiles { get; init; } = [];

    /// <summary>What the plan itself says about the copy (a plain copy; records a damaged store lost).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Samples left out in all: their own and those of dropped files.</summary>
    public long DroppedSamples => Dropped.Count + DroppedFiles.Sum(f => f.Samples);

    /// <summary>The storage-order positions left out: the dropped samples' and every sample of a dropped file.</summary>
    public DropSet Drops { get; init; } = DropSet.Empty;

    /// <summary>Per file of the source (by the name its samples carry), the position of its first sample and how
    /// many it holds; empty for formats that keep no files of samples.</summary>
    public IReadOnlyDictionary<string, (long First, long Count)> FileSpans { get; init; } = new Dictionary<string, (long First, long Count)>();
}
