using DataScrub.Analysis.Batches;
using DataScrub.Checks.Labels;

namespace DataScrub.Analysis.Labels;

/// <summary>
/// What the label analysis keeps of a run of samples: samples per label (the ignore label and unlabelled samples
/// counted apart), the storage-order windows, and, while K is not known, the samples of the highest labels.
/// Memory: one entry per distinct label, the open windows, and at most <see cref="HighLabelSamples.Budget"/> ids.
/// </summary>
public sealed class LabelState : IAnalysisState
{
    private readonly LabelAnalysis _analysis;
    private StorageOrderBatches? _storageOrder;

    internal LabelState(LabelAnalysis analysis)
    {
        _analysis = analysis;
        High = analysis.KnowsClasses ? null : new HighLabelSamples();
    }

    /// <summary>Samples per label, other than the ignore label; a hash map while scanning, sorted when reported.</summary>
    public Dictionary<long, long> Counts { get; } = new();

    /// <summary>Samples without a label (including unreadable records).</summary>
    public long Unlabelled { get; private set; }

    /// <summary>Samples labelled with the ignore label.</summary>
    public long Ignored { get; private set; }

    /// <summary>Null until the first sample (it starts at that sample's position), and without the class analyses.</summary>
    public StorageOrderBatches? StorageOrder => _storageOrder;

    public HighLabelSamples? High { get; }

    public void Observe(in AnalysedSample sample)
    {
        var options = _analysis.Options;
        if (sample.Label is not { } label) Unlabelled++;
        else if (label == options.IgnoreLabel) Ignored++;
        else Counts[label] = Counts.TryGetValue(label, out var n) ? n + 1 : 1;
        if (!_analysis.BalanceEnabled) return;

        _storageOrder ??= new StorageOrderBatches(_analysis.BatchSizes, sample.Index);
        if (sample.Label is { } value && LabelCheck.InRange(value, _analysis.KnownClasses, options.IgnoreLabel))
        {
            _storageOrder.Observe(value);
            // The id (a string) only for a label that may prove far above the rest.
            if (High is not null && HighLabelSamples.MayKeep(value, _analysis.FloorHint)) High.Observe(value, sample.Index, sample.Id);
        }
        else
        {
            // An unlabelled or ignored sample still takes a slot in a storage-order batch.
            _storageOrder.Observe(null);
        }
    }

    public void Merge(IAnalysisState later)
    {
        var other = (LabelState)later;
        foreach (var (label, count) in other.Counts)
            Counts[label] = Counts.TryGetValue(label, out var n) ? n + count : count;
        Unlabelled += other.Unlabelled;
        Ignored += other.Ignored;
        if (other._storageOrder is { } windows)
        {
            if (_storageOrder is null) _storageOrder = windows;
            else _storageOrder.Merge(windows);
        }
        if (other.High is { } high) High!.Merge(high);
    }
}
