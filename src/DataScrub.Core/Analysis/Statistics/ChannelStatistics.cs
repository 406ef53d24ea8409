using System.Globalization;
using DataScrub.Findings;

namespace DataScrub.Analysis.Statistics;

/// <summary>
/// Per-channel mean/std/min/max over the dataset (the <c>statistics</c> section), merged (Chan et al.) from per-sample
/// moments in storage order, so the result does not depend on the thread count. <c>constant-feature</c> when a
/// channel's finite values are all equal: decided by min == max, exact whatever the summation order.
/// Within a worker's batch, samples with another channel count than the batch's first are left out; batches whose
/// count differs from the first batch's are left out and counted.
/// </summary>
public sealed class ChannelStatistics : DatasetAnalysis<ChannelStatistics.State>
{
    public override State Create() => new();

    /// <summary>Chan's merge rounds: folded per unit, so shards give the single scan's digits.</summary>
    public override bool FoldsByUnit => true;

    public override void Complete(State whole, AnalysisResults results)
    {
        var channels = whole.Channels;
        results.Add(new ChannelStatisticsSection([.. channels.Select((m, c) => new ChannelStatisticsReport(c, m.Count, m.Count > 0 ? m.Mean : double.NaN,
            m.Count > 0 ? m.StandardDeviation : double.NaN, m.Count > 0 ? m.Min : double.NaN, m.Count > 0 ? m.Max : double.NaN))]));
        // One finding per channel would flood a feature vector of thousands of constant features: list each, the count says how many.
        for (var c = 0; c < channels.Length; c++)
        {
            var m = channels[c];
            if (m.Count < 2 || m.Min != m.Max) continue;
            results.Add(new Finding(FindingKinds.ConstantFeature, null, null, null, m.Count, null,
                string.Create(CultureInfo.InvariantCulture,
                    $"channel {c}: all {m.Count} finite values are {m.Min:R} (standard deviation 0){(whole.InconsistentBatches > 0 ? $"; {whole.InconsistentBatches} batches with another channel count left out" : "")}"))
            { Channel = c });
        }
    }

    public override void WriteShard(State state, Sharding.ShardStateWriter writer)
    {
        writer.Write(state.InconsistentBatches);
        writer.Write(state.Batches);
        var channels = state.RawChannels;
        writer.Write(channels is not null);
        if (channels is null) return;
        writer.Write(channels.Length);
        foreach (var m in channels)
        {
            writer.Write(m.Count);
            writer.Write(m.Mean);
            writer.Write(m.M2);
            writer.Write(m.Min);
            writer.Write(m.Max);
        }
    }

    public override IEnumerable<State> ReadShard(Sharding.ShardStateReader reader, long offset)
    {
        var inconsistent = reader.ReadInt64();
        var batches = reader.ReadInt64();
        RunningMoments[]? channels = null;
        if (reader.ReadBoolean())
        {
            channels = new RunningMoments[reader.ReadCount(40)];
            for (var c = 0; c < channels.Length; c++)
                channels[c] = new RunningMoments(reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        }
        yield return State.Restore(channels, batches, inconsistent);
    }

    /// <summary>The merged per-channel moments of a run of samples.</summary>
    public sealed class State : IAnalysisState
    {
        private RunningMoments[]? _channels;

        /// <summary>Feature vectors folded a vector of channels at a time, until moments are needed (then folded into <see cref="_channels"/>).</summary>
        private ChannelValueAccumulator? _values;

        /// <summary>Worker batches merged into <see cref="Channels"/> (a state that observed samples counts as one).</summary>
        private long _batches;

        public RunningMoments[] Channels
        {
            get
            {
                FoldValues();
                return _channels ?? [];
            }
        }

        /// <summary>The moments as they are (null before the first sample with channels), feature vectors folded.</summary>
        internal RunningMoments[]? RawChannels
        {
            get
            {
                FoldValues();
                return _channels;
            }
        }

        internal long Batches => _batches;

        internal static State Restore(RunningMoments[]? channels, long batches, long inconsistent) =>
            new() { _channels = channels, _batches = batches, InconsistentBatches = inconsistent };

        /// <summary>Batches left out because their channel count differs from the first batch's.</summary>
        public long InconsistentBatches { get; private set; }

        public void Observe(in AnalysedSample sample)
        {
            var values = sample.Observations.ChannelValues;
            if (!values.IsEmpty)
            {
                if (_channels is null && _values is null)
                {
                    _values = new ChannelValueAccumulator(values.Length);
                    _batches = 1;
                }
                if (values.Length != (_values?.Channels ?? _channels!.Length)) return;
                if (_values is null)
                {
                    for (var c = 0; c < values.Length; c++)
                        if (!double.IsNaN(values[c])) _channels![c] = _channels[c].Merge(new RunningMoments(1, values[c], 0, values[c], values[c]));
                }
                else
                {
                    _values.Add(values, sample.Observations.ChannelValuesComplete);
                }
                return;
            }
            var moments = sample.Observations.ChannelMoments;
            if (moments.IsEmpty) return;
            FoldValues();
            if (_channels is null)
            {
                _channels = moments.ToArray();
                _batches = 1;
                return;
            }
            if (moments.Length != _channels.Length) return;
            for (var c = 0; c < moments.Length; c++) _channels[c] = _channels[c].Merge(moments[c]);
        }

        public void Merge(IAnalysisState later)
        {
            var other = (State)later;
            FoldValues();
            other.FoldValues();
            InconsistentBatches += other.InconsistentBatches;
            if (other._channels is null) return;
            if (_channels is null)
            {
                _channels = (RunningMoments[])other._channels.Clone();
                _batches = other._batches;
                return;
            }
            if (other._channels.Length != _channels.Length)
            {
                InconsistentBatches += other._batches;
                return;
            }
            for (var c = 0; c < _channels.Length; c++) _channels[c] = _channels[c].Merge(other._channels[c]);
            _batches += other._batches;
        }

        /// <summary>The accumulated feature vectors become moments: the state's samples so far were all feature vectors.</summary>
        private void FoldValues()
        {
            if (_values is null) return;
            _channels = new RunningMoments[_values.Channels];
            for (var c = 0; c < _channels.Length; c++) _channels[c] = _values.Moments(c);
            _values = null;
        }
    }
}
