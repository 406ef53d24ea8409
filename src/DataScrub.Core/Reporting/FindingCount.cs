using DataScrub.Findings;

namespace DataScrub.Reporting;

/// <summary>How many findings of one kind had one severity in a dataset (listed or not).</summary>
public sealed record FindingCount(FindingKind Kind, Severity Severity, long Count);
