using DataScrub.Checks;

namespace DataScrub.Pipeline;

/// <summary>How one scan runs. Nothing here changes the report except <see cref="MaxFindingsPerKind"/>,
/// <see cref="Checks"/> and <see cref="Analysis"/>: thread count and batch sizes only change speed and memory.</summary>
public sealed record ScrubOptions
{
    /// <summary>Worker threads that decode and check; the reader and the aggregator have their own.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Findings of one kind listed per dataset; the rest are only counted.</summary>
    public int MaxFindingsPerKind { get; init; } = 1000;

    /// <summary>A batch closes at this many samples...</summary>
    public int BatchMaxSamples { get; init; } = 256;

    /// <summary>...or at this many record bytes, whichever comes first.</summary>
    public long BatchMaxBytes { get; init; } = 4L << 20;

    /// <summary>Batches read but not yet aggregated, per worker: with the batch limits above this
    /// bounds the pipeline's memory independently of the dataset size.</summary>
    public int InFlightBatchesPerWorker { get; init; } = 4;

    /// <summary>The per-sample checks, made per dataset (no default: callers pass the standard set, or their own).</summary>
    public required CheckSet Checks { get; init; }

    /// <summary>The user's severity overrides (<c>--severity</c>), applied to every finding before it is counted.</summary>
    public Findings.SeverityPolicy Severities { get; init; } = Findings.SeverityPolicy.Default;

    /// <summary>Classes, batch sizes and duplicates for the dataset-level analyses (the label check is added per dataset, from these and the layout's class names).</summary>
    public DataScrub.Analysis.AnalysisOptions Analysis { get; init; } = DataScrub.Analysis.AnalysisOptions.Default;

    /// <summary>The dataset-level analyses; null = <see cref="DataScrub.Analysis.StandardAnalyses"/> for <see cref="Analysis"/>
    /// and the dataset. Created per dataset (they may hold per-scan hints), so this is a factory.</summary>
    public Func<DataScrub.Samples.DatasetInfo, IReadOnlyList<DataScrub.Analysis.IDatasetAnalysis>>? AnalysisFactory { get; init; }

    internal IReadOnlyList<DataScrub.Analysis.IDatasetAnalysis>? CreateAnalyses(DataScrub.Samples.DatasetInfo dataset) => AnalysisFactory?.Invoke(dataset);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxFindingsPerKind, nameof(MaxFindingsPerKind));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchMaxSamples, 1, nameof(BatchMaxSamples));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchMaxBytes, 1, nameof(BatchMaxBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(InFlightBatchesPerWorker, 1, nameof(InFlightBatchesPerWorker));
        Analysis.Validate();
    }
}
