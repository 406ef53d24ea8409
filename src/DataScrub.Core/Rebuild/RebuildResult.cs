using DataScrub.Reporting;

namespace DataScrub.Rebuild;

/// <summary>What a rebuild did: the source's scan, the counts, and the verifying scan of the copy.</summary>
/// <param name="Written">Samples written (0 for a dry run).</param>
/// <param name="Verification">The scan of the written copy before it was put in place; null for a dry run.</param>
/// <param name="StaleRemoved">Temporaries of earlier, interrupted rebuilds that were removed (or, dry run: found).</param>
public sealed record RebuildResult(
    string Destination,
    DatasetReport Source,
    long Written,
    DatasetReport? Verification,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> StaleRemoved,
    bool DryRun)
{
    public long Dropped => Source.Dropped.Count;

    /// <summary>Seconds per phase: scan, write, flush, verify, rename.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Seconds { get; init; } = [];
}
