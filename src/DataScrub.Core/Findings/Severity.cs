namespace DataScrub.Findings;

/// <summary>How bad a finding is. Ordered: a higher value is worse.</summary>
public enum Severity
{
    Warning = 1,
    Error = 2,
}
