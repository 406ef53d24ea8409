using DataScrub.Formats;

namespace DataScrub.Rebuild;

/// <summary>What a rebuilder writes: the source (read with its own format, which may differ from the
/// target's under <c>--to</c>), the samples to leave out, and the order.</summary>
/// <param name="Survivors">Samples that will be written: the source's minus the dropped.</param>
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
    int? ShuffleSeed);
