using System.Globalization;
using DataScrub.Findings;

namespace DataScrub.Analysis.Statistics;

/// <summary>
/// Per-channel mean/std/min/max over the dataset (the <c>statistics</c> section), merged (Chan et al.) from per-sample
/// moments in storage order, folded per unit (<see cref="UnitTree"/>), so the result depends neither on the thread
/// count nor on a split into shards. <c>constant-feature</c> when a channel's finite values are all equal: decided by
/// min == max, exact whatever the summation order. The channel count of the dataset's first sample with channels
/// wins; samples with another count are left out and counted.
/// </summary>
public sealed class ChannelStatistics : DatasetAnalysis<ChannelStatistics.State>
{
    public override State Create() => new();

    /// <summary>Chan's merge rounds: folded per unit, so shards give the single scan's digits.</summary>
    public override bool FoldsByUnit => true;

    public override void Complete(State whole, AnalysisResults results)
    {
        var channels = whole.Channels;
        var leftOut = whole.LeftOut;
        results.Add(new ChannelStatisticsSection([.. channels.Select((m, c) => new ChannelStatisticsReport(c, m.Count, m.Count > 0 ? m.Mean : double.NaN,
            m.Count > 0 ? m.StandardDeviation : double.NaN, m.Count > 0 ? m.Min : double.NaN, m.Count > 0 ? m.Max : double.NaN))]));
        // One finding per channel would flood a feature vector of thousands of constant features: list each, the count says how many.
        for (var c = 0; c < channels.Length; c++)
        {
            var m = channels[c];
            if (m.Count < 2 || m.Min != m.Max) continue;
            results.Add(new Finding(FindingKinds.ConstantFeature, null, null, null, m.Count, null,
                string.Create(CultureInfo.InvariantCulture,
                    $"channel {c}: all {m.Count} finite values are {m.Min:R} (standard deviation 0){(leftOut > 0 ? $"; {leftOut} samples with another channel count left out" : "")}"))
            { Channel = c });
        }
    }

    public override void WriteShard(State state, Sharding.ShardStateWriter writer) => state.Write(writer);

    public override IEnumerable<State> ReadShard(Sharding.ShardStateReader reader, long offset)
    {
        yield return State.Read(reader, offset);
    }

    /// <summary>
    /// The merged per-channel moments of a run of samples, per channel count: the run keeps the moments of the
    /// <see cref="MaxCounts"/> channel counts whose first sample comes first, and counts every sample with channels, so
    /// that the count of the dataset's first sample, its moments and the samples left out come out the same however
    /// the samples were grouped.
    /// </summary>
    public sealed class State : IAnalysisState
    {
        /// <summary>The most channel counts a run keeps moments of (a dataset normally has one).</summary>
        public const int MaxCounts = 8;

        private readonly List<Entry> _entries = [];
        private long _samples;

        /// <summary>The moments of the channel count whose first sample came first (empty without any).</summary>
        public RunningMoments[] Channels => First?.Fold() ?? [];

        /// <summary>Samples with channels whose channel count is not the first sample's.</summary>
        public long LeftOut => _samples - (First?.Samples ?? 0);

        private Entry? First => _entries.Count == 0 ? null : _entries.MinBy(e => e.FirstIndex);

        public void Observe(in AnalysedSample sample)
        {
            var values = sample.Observations.ChannelValues;
            var moments = sample.Observations.ChannelMoments;
            var count = !values.IsEmpty ? values.Length : moments.Length;
            if (count == 0) return;
            _samples++;
            if (EntryFor(count, sample.Index) is not { } entry) return;
            entry.Samples++;
            if (!values.IsEmpty) entry.Add(values, sample.Observations.ChannelValuesComplete);
            else entry.Add(moments);
        }

        public void Merge(IAnalysisState later)
        {
            var other = (State)later;
            _samples += other._samples;
            foreach (var theirs in other._entries)
            {
                var mine = _entries.Find(e => e.Count == theirs.Count);
                if (mine is null)
                {
                    _entries.Add(theirs);
                    continue;
                }
                mine.Merge(theirs);
            }
            // Keep the counts whose first samples come first: the same set whatever the grouping.
            if (_entries.Count > MaxCounts)
            {
                _entries.Sort((a, b) => a.FirstIndex.CompareTo(b.FirstIndex));
                _entries.RemoveRange(MaxCounts, _entries.Count - MaxCounts);
            }
        }

        /// <summary>The entry of <paramref name="count"/> channels, made at its first sample while there is room; null
        /// past <see cref="MaxCounts"/> (a later count: the merge would drop it too).</summary>
        private Entry? EntryFor(int count, long index)
        {
            foreach (var e in _entries)
                if (e.Count == count) return e;
            if (_entries.Count == MaxCounts) return null;
            var entry = new Entry(count, index);
            _entries.Add(entry);
            return entry;
        }

        internal void Write(Sharding.ShardStateWriter writer)
        {
            writer.Write(_samples);
            writer.Write(_entries.Count);
            foreach (var e in _entries)
            {
                writer.Write(e.Count);
                writer.Write(e.FirstIndex);
                writer.Write(e.Samples);
                var channels = e.Fold();
                foreach (var m in channels)
                {
                    writer.Write(m.Count);
                    writer.Write(m.Mean);
                    writer.Write(m.M2);
                    writer.Write(m.Min);
                    writer.Write(m.Max);
                }
            }
        }

        internal static State Read(Sharding.ShardStateReader reader, long offset)
        {
            var state = new State { _samples = reader.ReadInt64() };
            var entries = reader.ReadCount(20);
            if (entries > MaxCounts) throw reader.Damaged($"{entries} channel counts, more than {MaxCounts}");
            for (var i = 0; i < entries; i++)
            {
                var count = reader.ReadInt32();
                if (count < 1 || (long)count * 40 > reader.Stream.Length - reader.Stream.Position) throw reader.Damaged($"{count} channels");
                var entry = new Entry(count, reader.ReadInt64() + offset) { Samples = reader.ReadInt64() };
                var channels = new RunningMoments[count];
                for (var c = 0; c < count; c++)
                    channels[c] = new RunningMoments(reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
                entry.Restore(channels);
                state._entries.Add(entry);
            }
            return state;
        }

        /// <summary>The moments of the samples with one channel count.</summary>
        private sealed class Entry(int count, long firstIndex)
        {
            private RunningMoments[]? _channels;

            /// <summary>Feature vectors folded a vector of channels at a time, until moments are needed (then folded into <see cref="_channels"/>).</summary>
            private ChannelValueAccumulator? _values;

            public int Count { get; } = count;

            public long FirstIndex { get; private set; } = firstIndex;

            public long Samples { get; set; }

            public void Add(ReadOnlySpan<double> values, bool complete)
            {
                if (_channels is null)
                {
                    (_values ??= new ChannelValueAccumulator(Count)).Add(values, complete);
                    return;
                }
                for (var c = 0; c < values.Length; c++)
                    if (!double.IsNaN(values[c])) _channels[c] = _channels[c].Merge(new RunningMoments(1, values[c], 0, values[c], values[c]));
            }

            public void Add(ReadOnlySpan<RunningMoments> moments)
            {
                // Merging into empty moments returns the other's exactly: the first sample's moments as they are.
                var channels = Fold();
                for (var c = 0; c < moments.Length; c++) channels[c] = channels[c].Merge(moments[c]);
            }

            /// <summary>Appends a later run's samples of this count.</summary>
            public void Merge(Entry later)
            {
                FirstIndex = Math.Min(FirstIndex, later.FirstIndex);
                Samples += later.Samples;
                var theirs = later.FoldOrNull();
                if (theirs is null) return;
                if (FoldOrNull() is null)
                {
                    _channels = (RunningMoments[])theirs.Clone();
                    return;
                }
                for (var c = 0; c < _channels!.Length; c++) _channels[c] = _channels[c].Merge(theirs[c]);
            }

            public void Restore(RunningMoments[] channels) => _channels = channels;

            /// <summary>The moments (accumulated feature vectors folded first); empty moments for an entry with no value yet.</summary>
            public RunningMoments[] Fold() => FoldOrNull() ?? (_channels = new RunningMoments[Count]);

            private RunningMoments[]? FoldOrNull()
            {
                if (_values is null) return _channels;
                _channels = new RunningMoments[Count];
                for (var c = 0; c < _channels.Length; c++) _channels[c] = _values.Moments(c);
                _values = null;
                return _channels;
            }
        }
    }
}
