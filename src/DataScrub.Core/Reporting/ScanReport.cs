namespace DataScrub.Reporting;

/// <summary>The whole run: one entry per dataset path, and the exit code the run ends with.</summary>
public sealed record ScanReport(string Tool, int ExitCode, IReadOnlyList<DatasetReport> Datasets)
{
    /// <summary>The judgement settings the findings rest on (null: not recorded, as in library use without them).</summary>
    public ReportSettings? Settings { get; init; }
}
