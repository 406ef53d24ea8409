using DataScrub.Analysis;
using DataScrub.Findings;

namespace DataScrub.Reporting;

/// <summary>What the run was told that changes verdicts, recorded so a report can be read without its command line:
/// K (null when inferred per dataset; each dataset's <c>labels</c> say how), the batch sizes, the loss, the ignore
/// label and the user's severity overrides.</summary>
public sealed record ReportSettings(long? NumClasses, IReadOnlyList<int> BatchSizes, LossKind Loss, long? IgnoreLabel, SeverityPolicy Severities)
{
    public static ReportSettings From(AnalysisOptions analysis, SeverityPolicy severities) =>
        new(analysis.NumClasses, analysis.BatchSizes, analysis.Loss, analysis.IgnoreLabel, severities);
}
