using DataScrub.Findings;

namespace DataScrub.Analysis.Duplicates;

/// <summary>
/// <c>duplicate</c>: a sample with the same fingerprint (content and label) as an earlier one; storage order decides
/// which is first. Sample findings, final once every earlier sample was merged: the aggregator drains them after each
/// merge. Memory: one entry per distinct sample (16-byte fingerprint and the first occurrence's id, packed in a
/// character arena), the one per-sample cost of a scan; <c>--no-duplicates</c> turns it off.
/// </summary>
/// <param name="expectedSamples">What the store says it holds, to size the index of the whole dataset once (capped).</param>
/// <param name="shard">The scan is one shard (<see cref="AnalysisOptions.Shard"/>): the fingerprints go to a log, and the
/// merge finds the repeats across every shard, holding what a single scan holds (one entry per distinct sample).</param>
public sealed class DuplicateSamples(long? expectedSamples = null, bool shard = false) : DatasetAnalysis<DuplicateSamples.State>
{
    public override State Create() => new(expectedSamples, shard);

    public override void WriteShard(State state, Sharding.ShardStateWriter writer)
    {
        writer.Write(state.Log is not null);
        state.Log?.WriteTo(writer);
    }

    public override IEnumerable<State> ReadShard(Sharding.ShardStateReader reader, long offset)
    {
        if (!reader.ReadBoolean()) throw reader.Damaged("a shard without its fingerprints");
        foreach (var (first, records) in Sharding.ShardLog.ReadChunks(reader))
        {
            var chunk = new State(expectedSamples);
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                if (record.Length == 0 || (record[0] == 1 && record.Length < 17) || record[0] > 1) throw reader.Damaged("a fingerprint record of the wrong size");
                chunk.Replay(offset + first + i, record);
            }
            yield return chunk;
        }
    }

    public override void Drain(State prefix, ICollection<Finding> findings) => prefix.TakeDuplicates(findings);

    public override void Complete(State whole, AnalysisResults results)
    {
    }

    /// <summary>
    /// A run of samples. A run that starts at the first sample (the dataset so far) indexes each content's first
    /// occurrence and names the repeats; any other run (a worker's batch, later a shard) keeps its fingerprints in
    /// storage order until it is merged after the run before it.
    /// </summary>
    public sealed class State(long? expectedSamples, bool shard = false) : IAnalysisState, IDisposable
    {
        /// <summary>In a shard: per sample, its fingerprint (when it has one) and key.</summary>
        internal Sharding.ShardLog? Log { get; } = shard ? new Sharding.ShardLog() : null;

        private readonly List<(UInt128 Fingerprint, long Index, string Id)> _sequence = new(256);
        private readonly List<(long Index, string Id, UInt128 Fingerprint)> _repeats = [];
        private Dictionary<UInt128, SampleIdArena.Handle>? _first;
        private SampleIdArena? _ids;
        private long _end;

        public void Observe(in AnalysedSample sample)
        {
            _end = sample.Index + 1;
            var fingerprint = sample.Readable ? ContentFingerprint.Of(sample.Content, sample.Record) : null;
            if (Log is not null)
            {
                LogSample(fingerprint, sample.Key);
                return;
            }
            if (fingerprint is { } value) _sequence.Add((value, sample.Index, sample.Id));
        }

        /// <summary>A record: 0, or 1 and the 16-byte fingerprint; then the key.</summary>
        private void LogSample(UInt128? fingerprint, ReadOnlySpan<byte> key)
        {
            var header = fingerprint is null ? 1 : 17;
            Span<byte> small = stackalloc byte[160];
            var record = header + key.Length <= small.Length ? small[..(header + key.Length)] : new byte[header + key.Length];
            record[0] = (byte)(fingerprint is null ? 0 : 1);
            if (fingerprint is { } value)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(record[1..], (ulong)value);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(record[9..], (ulong)(value >> 64));
            }
            key.CopyTo(record[header..]);
            Log!.Append(record);
        }

        /// <summary>Releases a shard's log (its temporary file).</summary>
        public void Dispose() => Log?.Dispose();

        /// <summary>The sample at <paramref name="index"/> as a shard logged it (the merge's replay).</summary>
        internal void Replay(long index, byte[] record)
        {
            _end = index + 1;
            if (record[0] == 0) return;
            var low = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(1));
            var high = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(9));
            _sequence.Add((((UInt128)high << 64) | low, index, Samples.SampleKey.ToDisplay(record.AsSpan(17))));
        }

        public void Merge(IAnalysisState later)
        {
            var other = (State)later;
            if (Log is not null)
            {
                Log.AppendFrom(other.Log!);
                _end = other._end;
                return;
            }
            if (_first is null && _end == 0 && _sequence.Count == 0)
            {
                // The first run of the dataset: from here on, an index of first occurrences. Sized ahead for up to a
                // million samples, no more: the expected count is what the dataset declares, and a damaged HDF5 dataspace
                // declaring 10^15 rows (found by AFL++) had this allocate 16 M entries, 700 MB, for a file of 20 rows.
                _first = new Dictionary<UInt128, SampleIdArena.Handle>((int)Math.Clamp(expectedSamples ?? 0, 0, 1 << 20));
                _ids = new SampleIdArena();
            }
            if (_first is null)
            {
                _sequence.AddRange(other._sequence);
                _repeats.AddRange(other._repeats);
            }
            else
            {
                // One hash lookup per sample (this runs on the aggregator's one thread, for every sample).
                foreach (var (fingerprint, index, id) in other._sequence)
                {
                    ref var first = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_first, fingerprint, out var seen);
                    if (seen) _repeats.Add((index, id, fingerprint));
                    else first = _ids!.Add(id);
                }
            }
            _end = other._end;
        }

        /// <summary>The repeats found since the last call, as findings naming the first copy, in storage order.</summary>
        internal void TakeDuplicates(ICollection<Finding> findings)
        {
            foreach (var (index, id, fingerprint) in _repeats)
            {
                var first = _ids!.Get(_first![fingerprint]);
                findings.Add(new Finding(FindingKinds.Duplicate, index, id, null, null, null, $"the same content and label as {first}") { Of = first });
            }
            _repeats.Clear();
        }
    }
}
