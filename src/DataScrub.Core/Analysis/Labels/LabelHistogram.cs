using DataScrub.Findings;

namespace DataScrub.Analysis.Labels;

/// <summary>Counts samples per label, in storage order; the ignore label is counted apart (the loss skips it).
/// Memory: one entry per distinct label.</summary>
public sealed class LabelHistogram(long? ignoreLabel = null) : IDatasetAnalysis
{
    // A hash map while scanning (one lookup per sample); sorted when asked for.
    private readonly Dictionary<long, long> _counts = new();

    /// <summary>Samples per label, ascending by label.</summary>
    public IReadOnlyList<KeyValuePair<long, long>> Counts => [.. _counts.OrderBy(c => c.Key)];

    /// <summary>Samples without a label (including unreadable records).</summary>
    public long Unlabelled { get; private set; }

    /// <summary>Samples labelled with the ignore label.</summary>
    public long Ignored { get; private set; }

    public void Observe(long sampleIndex, in SampleSummary summary)
    {
        if (summary.Label is not { } label)
        {
            Unlabelled++;
            return;
        }
        if (label == ignoreLabel)
        {
            Ignored++;
            return;
        }
        _counts[label] = _counts.TryGetValue(label, out var n) ? n + 1 : 1;
    }

    public IEnumerable<Finding> Complete() => [];
}
