namespace DataScrub.Reporting;

/// <summary>The <c>rebuild</c> section of a report: the same counts as the manifest in the destination.</summary>
/// <param name="Written">Samples written; for a dry run, the samples the real run would write.</param>
/// <param name="Verified">True when the written copy was re-read and re-scanned before it was put in place.</param>
public sealed record RebuildSummary(
    string Destination,
    bool DryRun,
    long Source,
    long Dropped,
    long Written,
    bool Verified,
    IReadOnlyList<string> DroppedKinds,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> StaleRemoved)
{
    /// <summary>Files and list entries left out whole (their samples are counted in <see cref="Dropped"/>).</summary>
    public IReadOnlyList<DataScrub.Rebuild.DroppedFile> DroppedFiles { get; init; } = [];

    /// <summary>Samples left out for their own findings, in storage order (<c>droppedSamples</c>).</summary>
    public IReadOnlyList<DataScrub.Rebuild.DroppedSample> DroppedSamples { get; init; } = [];

    /// <summary>Seconds per phase (scan, write, flush, verify, rename).</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Seconds { get; init; } = [];
}
