using DataScrub.Reporting;

namespace DataScrub.Rebuild;

/// <summary>What a rebuild did (or, dry run, would do): the source's scan, the plan, the counts, and the
/// verifying scan of the copy.</summary>
/// <param name="Plan">What was (would be) left out, decided before writing.</param>
/// <param name="Written">Samples written; for a dry run, the samples the real run would write.</param>
/// <param name="Verification">The scan of the written copy before it was put in place; null for a dry run.</param>
/// <param name="Notes">What the plan and the format say about the copy (a plain copy, conversions, lost records).</param>
/// <param name="StaleRemoved">Temporaries of earlier, interrupted rebuilds that were removed (or, dry run: found).</param>
public sealed record RebuildResult(
    string Destination,
    DatasetReport Source,
    RebuildPlan Plan,
    long Written,
    DatasetReport? Verification,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> StaleRemoved,
    bool DryRun)
{
    /// <summary>Samples left out: their own and those of dropped files.</summary>
    public long Dropped => Plan.DroppedSamples;

    /// <summary>Seconds per phase: scan, write, flush, verify, rename.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Seconds { get; init; } = [];
}
