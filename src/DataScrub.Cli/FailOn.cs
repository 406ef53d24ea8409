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
    public static bool Fails(this FailOn failOn, DataScrub.Reporting.DatasetReport report) => failOn switch
    {
        FailOn.Error => report.HasFindingAtOrAbove(Severity.Error),
        FailOn.Warning => report.HasFindingAtOrAbove(Severity.Warning),
        _ => false,
    };
}

/// <summary>The words <c>--fail-on</c> takes on the command line.</summary>
public static class FailOnWords
{
    public static IReadOnlyList<string> All { get; } = ["error", "warning", "never"];

    public static string Of(FailOn failOn) => failOn switch
    {
        FailOn.Error => "error",
        FailOn.Warning => "warning",
        _ => "never",
    };

    public static FailOn Parse(string word) => word switch
    {
        "error" => FailOn.Error,
        "warning" => FailOn.Warning,
        "never" => FailOn.Never,
        _ => throw new ArgumentException($"--fail-on: '{word}' is not one of {string.Join(", ", All)}", nameof(word)),
    };
}
