using DataScrub.Findings;
using DataScrub.Reporting;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>A dataset's one-word verdict and its CSS class: not scanned, errors, warnings or clean.</summary>
public sealed record DatasetVerdict(string Word, string CssClass)
{
    public static DatasetVerdict Of(DatasetReport d) =>
        d.Error is not null ? new("not scanned", "unread")
        : d.HasFindingAtOrAbove(Severity.Error) ? new("errors", "error")
        : d.HasFindingAtOrAbove(Severity.Warning) ? new("warnings", "warning")
        : new("clean", "clean");

    public static long Count(DatasetReport d, Severity severity) => d.SeverityCounts.Where(c => c.Severity == severity).Sum(c => c.Count);
}
