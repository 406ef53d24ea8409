namespace DataScrub.Reporting;

/// <summary>The whole run: one entry per dataset path, and the exit code the run ends with.</summary>
public sealed record ScanReport(string Tool, int ExitCode, IReadOnlyList<DatasetReport> Datasets);
