using System.Globalization;
using DataScrub.Findings;
using DataScrub.Reporting;

namespace DataScrub.Analysis.Statistics;

/// <summary>
/// Per-channel mean/std/min/max over the dataset, merged (Chan et al.) from per-batch moments in storage
/// order, so the result does not depend on the thread count. <c>constant-feature</c> when a channel's
/// finite values are all equal: decided by min == max, exact whatever the summation order.
/// Batches whose samples have another channel count than the first are left out and counted.
/// </summary>
public sealed class ChannelStatistics
{
    private RunningMoments[]? _channels;
    private long _inconsistentBatches;

    public ChannelStatisticsReport[] Report { get; private set; } = [];

    public void Observe(ReadOnlySpan<RunningMoments> batch)
    {
        if (batch.IsEmpty) return;
        if (_channels is null)
        {
            _channels = batch.ToArray();
            return;
        }
        if (batch.Length != _channels.Length)
        {
            _inconsistentBatches++;
            return;
        }
        for (var c = 0; c < batch.Length; c++) _channels[c] = _channels[c].Merge(batch[c]);
    }

    public IEnumerable<Finding> Complete()
    {
        if (_channels is null) yield break;
        Report = _channels.Select((m, c) => new ChannelStatisticsReport(c, m.Count, m.Count > 0 ? m.Mean : double.NaN,
            m.Count > 0 ? m.StandardDeviation : double.NaN, m.Count > 0 ? m.Min : double.NaN, m.Count > 0 ? m.Max : double.NaN)).ToArray();
        // One finding per channel would flood a feature vector of thousands of constant features: list each, the count says how many.
        for (var c = 0; c < _channels.Length; c++)
        {
            var m = _channels[c];
            if (m.Count < 2 || m.Min != m.Max) continue;
            yield return new Finding(FindingKinds.ConstantFeature, null, null, null, m.Count, null,
                string.Create(CultureInfo.InvariantCulture,
                    $"channel {c}: all {m.Count} finite values are {m.Min:R} (standard deviation 0){(_inconsistentBatches > 0 ? $"; {_inconsistentBatches} batches with another channel count left out" : "")}"))
            { Channel = c };
        }
    }
}
