using DataScrub.Analysis;
using DataScrub.Findings;
using DataScrub.Reporting;
using DataScrub.Samples;

namespace DataScrub.Pipeline;

/// <summary>
/// Single-threaded: takes worker results in any order and releases them in storage order (a reorder buffer keyed
/// by batch sequence); counts findings, keeps the first <c>MaxFindingsPerKind</c> of each kind, and merges each
/// analysis's batch states into its state of the dataset so far. It knows no analysis by name.
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
    private readonly IReadOnlyList<IDatasetAnalysis> _analyses;
    private readonly IAnalysisState[] _states;
    private readonly List<Finding> _drained = [];
    private readonly Action<Finding>? _observe;
    private readonly ScanProgress _progress;
    private long _nextSequence;
    private long _samples;
    private long _bytes;

    public ReportAggregator(int maxFindingsPerKind, ScanProgress progress, IReadOnlyList<IDatasetAnalysis> analyses,
        Action<Finding>? observe = null, SeverityPolicy? severities = null)
    {
        _severities = severities ?? SeverityPolicy.Default;
        _observe = observe;
        _maxFindingsPerKind = maxFindingsPerKind;
        _progress = progress;
        _analyses = analyses;
        _states = [.. analyses.Select(a => a.CreateState())];
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
        for (var a = 0; a < _states.Length; a++)
        {
            _states[a].Merge(batch.States[a]);
            // Findings only the dataset so far can decide (a repeat of an earlier sample) follow the batch's own.
            _analyses[a].Drain(_states[a], _drained);
            foreach (var finding in _drained) Add(finding);
            _drained.Clear();
        }
        _samples += batch.Samples;
        _bytes += batch.Bytes;
        _progress.Add(batch.Samples, batch.Bytes);
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
        var results = new AnalysisResults(info);
        for (var a = 0; a < _analyses.Count; a++)
            _analyses[a].Complete(_states[a], results);
        foreach (var finding in results.Findings)
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
            Sections = [.. results.Sections.OrderBy(s => s.Order)],
        };
    }
}
