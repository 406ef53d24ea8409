using DataScrub.Analysis;
using DataScrub.Analysis.Duplicates;
using DataScrub.Analysis.Labels;
using DataScrub.Analysis.Masks;
using DataScrub.Analysis.Statistics;
using DataScrub.Findings;
using DataScrub.Reporting;
using DataScrub.Samples;

namespace DataScrub.Pipeline;

/// <summary>
/// Single-threaded: takes worker results in any order, releases them in storage order (a reorder
/// buffer keyed by batch sequence), counts findings, keeps the first <c>MaxFindingsPerKind</c> of each
/// kind and feeds the dataset analyses.
/// </summary>
internal sealed class ReportAggregator
{
    private readonly int _maxFindingsPerKind;
    private readonly Dictionary<long, BatchResult> _pending = new();
    // Per kind: [warnings, errors, listed] (a reference-typed value keeps the dictionary's code
    // shared with the others': a scan of a small dataset is mostly start-up).
    private readonly Dictionary<FindingKind, long[]> _counts = new();
    private readonly SeverityPolicy _severities;
    private readonly List<Finding> _listed = [];
    private readonly LabelHistogram _labels;
    private readonly IReadOnlyList<IDatasetAnalysis> _analyses;
    private readonly ClassBalanceAnalysis _classes;
    private readonly MaskCoverage _masks;
    private readonly ChannelStatistics _statistics = new();
    private readonly DuplicateIndex? _duplicates;
    private readonly MeanImageAccumulator? _mean;
    private readonly MeanImage? _referenceMean;
    private readonly Action<Finding>? _observe;
    private readonly ScanProgress _progress;
    private readonly AnalysisOptions _analysis;
    private long _nextSequence;
    private long _samples;
    private long _bytes;

    public ReportAggregator(int maxFindingsPerKind, ScanProgress progress, AnalysisOptions analysis, long? knownClasses,
        Action<Finding>? observe = null, SeverityPolicy? severities = null, HighLabelSamples? highLabels = null)
    {
        _severities = severities ?? SeverityPolicy.Default;
        _labels = new LabelHistogram(analysis.IgnoreLabel);
        _analysis = analysis;
        _observe = observe;
        _maxFindingsPerKind = maxFindingsPerKind;
        _progress = progress;
        _classes = new ClassBalanceAnalysis(analysis, knownClasses, given: analysis.NumClasses is not null, highLabels);
        _masks = new MaskCoverage(analysis.BatchSizes);
        _mean = analysis.NeedsMeanImage ? new MeanImageAccumulator() : null;
        _referenceMean = analysis.ReferenceMean;
        _duplicates = analysis is { Enabled: true, Duplicates: true } ? new DuplicateIndex(progress.ExpectedSamples) : null;
        _analyses = analysis.Enabled ? [_labels, new Analysis.Images.ChannelMix(), _classes, _masks] : [_labels, new Analysis.Images.ChannelMix()];
    }

    /// <summary>Accepts one result; returns how many batches became consumable in order.</summary>
    public int Accept(BatchResult result)
    {
        _pending.Add(result.Sequence, result);
        var released = 0;
        while (_pending.Remove(_nextSequence, out var next))
        {
            Consume(next);
            _nextSequence++;
            released++;
        }
        return released;
    }

    public int PendingCount => _pending.Count;

    private void Consume(BatchResult batch)
    {
        foreach (var finding in batch.Findings) Add(finding);
        for (var i = 0; i < batch.Summaries.Length; i++)
        {
            foreach (var analysis in _analyses)
                analysis.Observe(batch.FirstSampleIndex + i, batch.Summaries[i]);
            if (_duplicates?.Observe(batch.FirstSampleIndex + i, batch.Summaries[i]) is { } duplicate) Add(duplicate);
        }
        _statistics.Observe(batch.ChannelMoments);
        if (batch.Mean is not null) _mean?.Merge(batch.Mean);
        _samples += batch.Summaries.Length;
        _bytes += batch.Bytes;
        _progress.Add(batch.Summaries.Length, batch.Bytes);
    }

    private void Add(Finding reported)
    {
        // The user's --severity wins over defaults and context; a kind switched off is not counted at all.
        if (_severities.Apply(reported) is not { } finding) return;
        _observe?.Invoke(finding);
        if (!_counts.TryGetValue(finding.Kind, out var counts)) _counts[finding.Kind] = counts = new long[3];
        counts[finding.Severity == Severity.Error ? 1 : 0]++;
        if (++counts[2] <= _maxFindingsPerKind) _listed.Add(finding);
    }

    public DatasetReport Complete(DatasetInfo info, IReadOnlyList<Finding> storeFindings, double seconds)
    {
        if (_pending.Count != 0)
            throw new InvalidOperationException($"{_pending.Count} batches never became consumable: batch {_nextSequence} is missing");
        foreach (var finding in storeFindings)
            Add(finding);
        foreach (var analysis in _analyses)
            foreach (var finding in analysis.Complete())
                Add(finding);
        foreach (var finding in _statistics.Complete())
            Add(finding);
        if (_referenceMean is not null)
            foreach (var finding in MeanFileCheck.Check(_referenceMean, _mean?.Shape))
                Add(finding);
        // Duplicates are found after their batch's other findings: restore storage order among sample findings.
        var listed = _listed.Where(f => f.SampleIndex is not null).OrderBy(f => f.SampleIndex!.Value)
            .Concat(_listed.Where(f => f.SampleIndex is null)).ToList();
        var ordered = _counts.OrderBy(c => FindingKinds.OrderOf(c.Key)).ThenBy(c => c.Key.Name, StringComparer.Ordinal).ToList();
        return new DatasetReport
        {
            Path = info.Path,
            Format = info.Format,
            Samples = _samples,
            ExpectedSamples = info.ExpectedSamples,
            Bytes = _bytes,
            Seconds = seconds,
            Counts = [.. ordered.Select(c => new KeyValuePair<FindingKind, long>(c.Key, c.Value[0] + c.Value[1]))],
            SeverityCounts = [.. ordered.SelectMany(c => new[] { new FindingCount(c.Key, Severity.Error, c.Value[1]), new FindingCount(c.Key, Severity.Warning, c.Value[0]) })
                .Where(c => c.Count > 0)],
            Findings = listed,
            ClassBalance = _classes.Report,
            Masks = _masks.Report,
            Statistics = _statistics.Report,
            MeanImage = _mean?.Result(),
            LabelCounts = _labels.Counts.ToList(),
            Unlabelled = _labels.Unlabelled,
            IgnoreLabel = _analysis.IgnoreLabel,
            Ignored = _labels.Ignored,
            ClassNames = info.ClassNames,
        };
    }
}
