using DataScrub.Findings;
using DataScrub.Reporting;
using DataScrub.Samples;

namespace DataScrub.Analysis;

/// <summary>Where analyses put what they conclude once every sample was merged: dataset findings (in the order they
/// report them) and report sections.</summary>
public sealed class AnalysisResults(DatasetInfo dataset)
{
    private readonly List<Finding> _findings = [];
    private readonly List<IReportSection> _sections = [];

    /// <summary>The dataset being analysed (its class names, when the layout gives them).</summary>
    public DatasetInfo Dataset { get; } = dataset;

    public IReadOnlyList<Finding> Findings => _findings;

    public IReadOnlyList<IReportSection> Sections => _sections;

    public void Add(Finding finding) => _findings.Add(finding);

    public void AddRange(IEnumerable<Finding> findings) => _findings.AddRange(findings);

    public void Add(IReportSection section) => _sections.Add(section);
}
