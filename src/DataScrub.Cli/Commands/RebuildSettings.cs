using DataScrub.Findings;

namespace DataScrub.Cli.Commands;

/// <summary>The parsed options of <c>datascrub rebuild</c>: the scan's, plus what to drop and where to write.</summary>
public sealed record RebuildSettings(
    ScanSettings Scan,
    string Destination,
    bool DropBad,
    IReadOnlySet<FindingKind> DropKinds,
    bool Force,
    bool DryRun,
    string? To = null,
    int? ShuffleSeed = null);
