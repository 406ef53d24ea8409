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

    // Per analysis that folds by unit (floating-point states): its tree of whole units; its entry in _states is then
    // the current unit's state.
    private readonly UnitTree?[] _trees;
    private long? _unit;
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
        _trees = [.. analyses.Select(a => a.FoldsByUnit ? new UnitTree() : null)];
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
        if (_unit != batch.Unit)
        {
            FinishUnit();
            _unit = batch.Unit;
        }
        for (var a = 0; a < _states.Length; a++)
        {
            _states[a].Merge(batch.States[a]);
            if (_trees[a] is not null) continue;
            // Findings only the dataset so far can decide (a repeat of an earlier sample) follow the batch's own.
            _analyses[a].Drain(_states[a], _drained);
            foreach (var finding in _drained) Add(finding);
            _drained.Clear();
        }
        _samples += batch.Samples;
        _bytes += batch.Bytes;
        _progress.Add(batch.Samples, batch.Bytes);
    }

    /// <summary>The current unit's states go into their trees (the unit's last batch was merged).</summary>
    private void FinishUnit()
    {
        if (_unit is not { } unit) return;
        for (var a = 0; a < _states.Length; a++)
        {
            if (_trees[a] is not { } tree) continue;
            tree.AddUnit(unit, _states[a]);
            _states[a] = _analyses[a].CreateState();
        }
        _unit = null;
    }

    /// <summary>Each analysis's state of every sample: a tree's units folded.</summary>
    private void FoldUnits()
    {
        FinishUnit();
        for (var a = 0; a < _states.Length; a++)
            if (_trees[a] is { } tree) _states[a] = tree.Root() ?? _analyses[a].CreateState();
    }

    // The merge of shards (ShardMerge) feeds what shards made instead of worker batches, in storage order.

    /// <summary>A shard's sample findings: its counts per kind, and the findings it listed (its first of each kind).</summary>
    internal void AddShardFindings(IReadOnlyList<(FindingKind Kind, long Warnings, long Errors)> counts, IReadOnlyList<Finding> listed)
    {
        // The shard listed the first findings of each kind it had; after the shards before it, the findings that
        // still fit the per-kind limit are listed, as one scan would have listed them.
        var listedOfKind = new Dictionary<FindingKind, long>();
        foreach (var finding in listed)
        {
            var before = _counts.TryGetValue(finding.Kind, out var seen) ? seen[2] : 0;
            var position = before + listedOfKind.GetValueOrDefault(finding.Kind) + 1;
            listedOfKind[finding.Kind] = position - before;
            if (position <= _maxFindingsPerKind) _listed.Add(finding);
        }
        foreach (var (kind, warnings, errors) in counts)
        {
            if (!_counts.TryGetValue(kind, out var total)) _counts[kind] = total = new long[3];
            total[0] += warnings;
            total[1] += errors;
            total[2] += warnings + errors;
        }
    }

    /// <summary>One of a shard's states of analysis <paramref name="a"/>, merged into the dataset so far (its findings drained).</summary>
    internal void MergeShardState(int a, IAnalysisState state)
    {
        _states[a].Merge(state);
        _analyses[a].Drain(_states[a], _drained);
        foreach (var finding in _drained) Add(finding);
        _drained.Clear();
    }

    /// <summary>A node of a shard's unit tree of analysis <paramref name="a"/>.</summary>
    internal void AddShardNode(int a, int level, long index, IAnalysisState state) =>
        (_trees[a] ?? throw new InvalidOperationException($"analysis {a} does not fold by unit")).AddNode(level, index, state);

    internal void AddShardSamples(long samples, long bytes)
    {
        _samples += samples;
        _bytes += bytes;
        _progress.Add(samples, bytes);
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

    /// <summary>A shard's end (<see cref="AnalysisOptions.Shard"/>): what the merge needs (<see cref="Sharding.ShardResult"/>),
    /// and the shard's own report of its findings (no analysis completes: a shard's classes or statistics are not the dataset's).</summary>
    public DatasetReport CompleteShard(DatasetInfo info, IReadOnlyList<Finding> storeFindings, double seconds)
    {
        if (_pending.Count != 0)
            throw new InvalidOperationException($"{_pending.Count} batches never became consumable: batch {_nextSequence} is missing");
        FinishUnit();
        var shard = new Sharding.ShardResult
        {
            Samples = _samples,
            Bytes = _bytes,
            Seconds = seconds,
            SampleCounts = [.. _counts.OrderBy(c => FindingKinds.OrderOf(c.Key)).Select(c => (c.Key, c.Value[0], c.Value[1]))],
            Listed = [.. _listed],
            StoreFindings = [.. storeFindings],
            Analyses = _analyses,
            States = [.. _states.Select((s, a) => _trees[a] is null ? s : null)],
            Nodes = [.. _trees.Select(t => t?.Nodes)],
        };
        foreach (var finding in storeFindings)
            Add(finding);
        return Report(info, seconds, []) with { Shard = shard };
    }

    public DatasetReport Complete(DatasetInfo info, IReadOnlyList<Finding> storeFindings, double seconds)
    {
        if (_pending.Count != 0)
            throw new InvalidOperationException($"{_pending.Count} batches never became consumable: batch {_nextSequence} is missing");
        FoldUnits();
        foreach (var finding in storeFindings)
            Add(finding);
        var results = new AnalysisResults(info);
        for (var a = 0; a < _analyses.Count; a++)
            _analyses[a].Complete(_states[a], results);
        foreach (var finding in results.Findings)
            Add(finding);
        return Report(info, seconds, results.Sections);
    }

    private DatasetReport Report(DatasetInfo info, double seconds, IReadOnlyList<Reporting.IReportSection> sections)
    {
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
            Sections = [.. sections.OrderBy(s => s.Order)],
        };
    }
}
