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

    /// <summary>What the analyses (and a rebuild) wrote about the dataset, in report order.</summary>
    public IReadOnlyList<IReportSection> Sections { get; init; } = [];

    /// <summary>The section of type <typeparamref name="T"/>, when the scan produced one.</summary>
    public T? Section<T>() where T : class, IReportSection => Sections.OfType<T>().FirstOrDefault();

    // Shortcuts to the standard sections' contents, for code that reads reports.

    /// <summary>Samples per label, ascending by label.</summary>
    public IReadOnlyList<KeyValuePair<long, long>> LabelCounts => Section<Analysis.Labels.LabelsSection>()?.Counts ?? [];

    public long Unlabelled => Section<Analysis.Labels.LabelsSection>()?.Unlabelled ?? 0;

    /// <summary>The label the loss ignores (<c>--ignore-label</c>), and how many samples carry it.</summary>
    public long? IgnoreLabel => Section<Analysis.Labels.LabelsSection>()?.IgnoreLabel;

    public long Ignored => Section<Analysis.Labels.LabelsSection>()?.Ignored ?? 0;

    /// <summary>Class name → label, when the dataset's layout names its classes.</summary>
    public IReadOnlyDictionary<string, long>? ClassNames => Section<Analysis.Labels.LabelsSection>()?.ClassNames;

    /// <summary>Classes and batches (null when no sample had a class label).</summary>
    public Analysis.Labels.ClassBalanceReport? ClassBalance => Section<Analysis.Labels.LabelsSection>()?.Balance;

    /// <summary>Segmentation masks (null when no sample had one).</summary>
    public Analysis.Masks.MaskReport? Masks => Section<Analysis.Masks.MaskReport>();

    /// <summary>Per-channel statistics of the input data (empty for encoded images).</summary>
    public IReadOnlyList<Analysis.Statistics.ChannelStatisticsReport> Statistics => Section<Analysis.Statistics.ChannelStatisticsSection>()?.Channels ?? [];

    /// <summary>The data's mean image, when asked for (not part of the JSON: it is written as a Caffe mean file).</summary>
    public Analysis.Statistics.MeanImage? MeanImage => Section<Analysis.Statistics.MeanImageSection>()?.Mean;

    /// <summary>What <c>rebuild</c> wrote from this dataset; null for a scan.</summary>
    public Rebuild.RebuildSummary? Rebuild => Section<Rebuild.RebuildSummary>();

    /// <summary>This report with one more section, in its place.</summary>
    public DatasetReport WithSection(IReportSection section) => this with { Sections = [.. Sections.Append(section).OrderBy(s => s.Order)] };

    /// <summary>This report with one more dataset-level finding found after the scan (a <c>label-drift</c> against a
    /// baseline), under the user's severity policy: counted, and listed after the others.</summary>
    public DatasetReport WithDatasetFinding(Finding finding, SeverityPolicy severities)
    {
        if (severities.Apply(finding) is not { } f) return this;
        var counts = Counts.ToList();
        var at = counts.FindIndex(c => c.Key == f.Kind);
        if (at >= 0) counts[at] = KeyValuePair.Create(f.Kind, counts[at].Value + 1);
        else counts.Add(KeyValuePair.Create(f.Kind, 1L));
        var bySeverity = SeverityCounts.ToList();
        var same = bySeverity.FindIndex(c => c.Kind == f.Kind && c.Severity == f.Severity);
        if (same >= 0) bySeverity[same] = bySeverity[same] with { Count = bySeverity[same].Count + 1 };
        else bySeverity.Add(new FindingCount(f.Kind, f.Severity, 1));
        return this with
        {
            Counts = [.. counts.OrderBy(c => FindingKinds.OrderOf(c.Key))],
            SeverityCounts = [.. bySeverity.OrderBy(c => FindingKinds.OrderOf(c.Kind)).ThenByDescending(c => c.Severity)],
            Findings = [.. Findings, f],
        };
    }

    /// <summary>A training definition (a Caffe solver or net prototxt that <c>lint</c> or <c>scan --net</c> read), not a
    /// dataset: it has findings and a section, no samples.</summary>
    public bool Definition { get; init; }

    /// <summary>The report of a training definition: its findings under the user's severity policy, in file order
    /// (line, then registry order), counted; and its section.</summary>
    public static DatasetReport OfDefinition(string path, string format, IEnumerable<Finding> findings, IReportSection section, SeverityPolicy severities)
    {
        var kept = findings.Select(severities.Apply).OfType<Finding>()
            .OrderBy(f => f.Line ?? 0).ThenBy(f => FindingKinds.OrderOf(f.Kind)).ToList();
        return new DatasetReport
        {
            Path = path,
            Format = format,
            Definition = true,
            Counts = [.. kept.GroupBy(f => f.Kind).OrderBy(g => FindingKinds.OrderOf(g.Key)).Select(g => KeyValuePair.Create(g.Key, (long)g.Count()))],
            SeverityCounts = [.. kept.GroupBy(f => (f.Kind, f.Severity)).OrderBy(g => FindingKinds.OrderOf(g.Key.Kind)).ThenByDescending(g => g.Key.Severity)
                .Select(g => new FindingCount(g.Key.Kind, g.Key.Severity, g.Count()))],
            Findings = kept,
            Sections = [section],
        };
    }

    /// <summary>What a shard's scan keeps for <c>merge</c> (<c>--shard</c>); null for a whole scan. Not part of the JSON report.</summary>
    public Sharding.ShardResult? Shard { get; init; }

    /// <summary>What the shard's reader said of the whole dataset (units, expected samples), for the merge; null for a whole scan.</summary>
    public Samples.DatasetInfo? ShardInfo { get; init; }

    /// <summary>Why the dataset could not be read at all; null when it was scanned.</summary>
    public string? Error { get; init; }

    /// <summary>The report of a dataset that could not be read at all: the reason, and the sections every report has, empty.</summary>
    public static DatasetReport NotScanned(string path, string reason) => new()
    {
        Path = path,
        Error = reason,
        Sections = [new Analysis.Labels.LabelsSection([], 0, null, 0, null, null), new Analysis.Statistics.ChannelStatisticsSection([])],
    };

    public long CountOf(FindingKind kind) => Counts.FirstOrDefault(c => c.Key == kind).Value;

    public bool HasFindingAtOrAbove(Severity severity) => SeverityCounts.Any(c => c.Count > 0 && c.Severity >= severity);
}
