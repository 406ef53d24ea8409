namespace DataScrub.Reporting;

/// <summary>The whole run: one entry per dataset path, and the exit code the run ends with.</summary>
public sealed record ScanReport(string Tool, int ExitCode, IReadOnlyList<DatasetReport> Datasets)
{
    /// <summary>The tool's version alone (<see cref="Tool"/> is "datascrub VERSION"); null when not recorded.</summary>
    public string? Version { get; init; }

    /// <summary>The judgement settings the findings rest on (null: not recorded, as in library use without them).</summary>
    public ReportSettings? Settings { get; init; }

    /// <summary>The shard this report covers (<c>scan --shard</c>), and its state file for <c>merge</c>; null for a whole scan.</summary>
    public ShardReportInfo? Shard { get; init; }

    /// <summary>Why and where the scan ended before its datasets' end (a signal, a store error); null when it read them all.</summary>
    public IncompleteScan? Incomplete { get; init; }

    /// <summary>Findings per kind over every dataset, in registry order, kinds with none left out.</summary>
    public IReadOnlyList<KeyValuePair<Findings.FindingKind, long>> Totals =>
        [.. Datasets.SelectMany(d => d.Counts).GroupBy(c => c.Key).Select(g => KeyValuePair.Create(g.Key, g.Sum(c => c.Value)))
            .Where(t => t.Value > 0).OrderBy(t => Findings.FindingKinds.OrderOf(t.Key))];
}
