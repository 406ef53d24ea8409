using DataScrub.Findings;

namespace DataScrub.Cli;

/// <summary>The <c>--fail-on</c> threshold: the lowest severity that makes the exit code 1.</summary>
public enum FailOn
{
    Error,
    Warning,
    Never,
}

public static class FailOnExtensions
{
    public static bool Fails(this FailOn failOn, Reporting.DatasetReport report) => failOn switch
    {
        FailOn.Error => report.HasFindingAtOrAbove(Severity.Error),
        FailOn.Warning => report.HasFindingAtOrAbove(Severity.Warning),
        _ => false,
    };
}
