namespace DataScrub.Findings;

/// <summary>
/// One entry of the finding-kind registry. <see cref="Name"/> is a stable, lower-case identifier used
/// in the JSON report and on the command line; it is never renamed.
/// </summary>
public sealed record FindingKind(string Name, Severity Severity, FindingLevel Level, string Description)
{
    public override string ToString() => Name;
}
