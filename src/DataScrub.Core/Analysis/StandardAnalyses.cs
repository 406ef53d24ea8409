using DataScrub.Samples;

namespace DataScrub.Analysis;

/// <summary>
/// The one place that says which analyses a scan runs, from the options and the dataset's own facts. Their order is
/// the order of their dataset findings in the report; their sections place themselves (<see cref="Reporting.IReportSection.Order"/>).
/// </summary>
public static class StandardAnalyses
{
    /// <param name="severities">The user's severity overrides, which the profile's counts follow as the report does.</param>
    public static IReadOnlyList<IDatasetAnalysis> Create(AnalysisOptions options, DatasetInfo dataset, Findings.SeverityPolicy? severities = null)
    {
        // K is known before the scan when given, or from the class folders; else it is inferred at the end.
        var knownClasses = options.NumClasses ?? dataset.ClassNames?.Count;
        var analyses = new List<IDatasetAnalysis>
        {
            new Images.ChannelMix(),
            new Labels.LabelAnalysis(options, knownClasses, balance: options.Enabled),
        };
        if (options.Enabled) analyses.Add(new Masks.MaskCoverage(options.BatchSizes));
        analyses.Add(new Statistics.ChannelStatistics());
        if (options.NeedsMeanImage) analyses.Add(new Statistics.MeanImageAnalysis(options.ReferenceMean));
        if (options is { Enabled: true, Duplicates: true }) analyses.Add(new Duplicates.DuplicateSamples(dataset.ExpectedSamples, options.Shard));
        // After the label analysis, whose storage-order windows give the profile its class coverage.
        if (options.Enabled) analyses.Add(new Profile.ProfileAnalysis(severities ?? Findings.SeverityPolicy.Default, dataset.SampleFiles, options.Shard));
        if (options.Enabled && dataset.MayHoldImages) analyses.Add(new Previews.DamagedImagePreviews());
        return analyses;
    }
}
