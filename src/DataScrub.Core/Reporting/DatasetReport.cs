using DataScrub.Findings;

namespace DataScrub.Reporting;

/// <summary>Everything a scan learned about one dataset. A pure function of the data and the options
/// (except <see cref="Seconds"/>): identical for any thread count.</summary>
public sealed record DatasetReport
{
    public required string Path { get; init; }

    /// <summary>Null when the format could not be determined.</summary>
    public string? Format { get; init; }

    public long Samples { get; init; }

    /// <summary>What the store says it holds (LMDB's entry count), so a report proves its own completeness.</summary>
    public long? ExpectedSamples { get; init; }

    /// <summary>Record bytes read.</summary>
    public long Bytes { get; init; }

    public double Seconds { get; init; }

    /// <summary>Findings per kind, including those not listed (beyond the per-kind limit), in registry order.</summary>
    public IReadOnlyList<KeyValuePair<FindingKind, long>> Counts { get; init; } = [];

    /// <summary>Findings per kind and severity (a kind's findings may differ in severity: a <c>label-out-of-range</c>
    /// that rests on an inferred K is a warning), in registry order, errors first.</summary>
    public IReadOnlyList<FindingCount> SeverityCounts { get; init; } = [];

    /// <summary>Listed findings: sample-level in storage order, then dataset-level.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Samples per label, ascending by label.</summary>
    public IReadOnlyList<KeyValuePair<long, long>> LabelCounts { get; init; } = [];

    public long Unlabelled { get; init; }

    /// <summary>The label the loss ignores (<c>--ignore-label</c>), and how many samples carry it.</summary>
    public long? IgnoreLabel { get; init; }

    public long Ignored { get; init; }

    /// <summary>Class name → label, when the dataset's layout names its classes.</summary>
    public IReadOnlyDictionary<string, long>? ClassNames { get; init; }

    /// <summary>Classes and batches (null when no sample had a class label).</summary>
    public ClassBalanceReport? ClassBalance { get; init; }

    /// <summary>Segmentation masks (null when no sample had one).</summary>
    public MaskReport? Masks { get; init; }

    /// <summary>Per-channel statistics of the input data (empty for encoded images).</summary>
    public IReadOnlyList<ChannelStatisticsReport> Statistics { get; init; } = [];

    /// <summary>The data's mean image, when asked for (not part of the JSON: it is written as a Caffe mean file).</summary>
    public Analysis.Statistics.MeanImage? MeanImage { get; init; }

    /// <summary>What <c>rebuild</c> wrote from this dataset; null for a scan.</summary>
    public RebuildSummary? Rebuild { get; init; }

    /// <summary>Why the dataset could not be read at all; null when it was scanned.</summary>
    public string? Error { get; init; }

    public long CountOf(FindingKind kind) => Counts.FirstOrDefault(c => c.Key == kind).Value;

    public bool HasFindingAtOrAbove(Severity severity) => SeverityCounts.Any(c => c.Count > 0 && c.Severity >= severity);
}
