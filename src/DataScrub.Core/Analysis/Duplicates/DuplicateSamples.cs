using DataScrub.Findings;

namespace DataScrub.Analysis.Duplicates;

/// <summary>
/// <c>duplicate</c>: a sample with the same fingerprint (content and label) as an earlier one; storage order decides
/// which is first. Sample findings, final once every earlier sample was merged: the aggregator drains them after each
/// merge. Memory: one entry per distinct sample (16-byte fingerprint and the first occurrence's id, packed in a
/// character arena), the one per-sample cost of a scan; <c>--no-duplicates</c> turns it off.
/// </summary>
/// <param name="expectedSamples">What the store says it holds, to size the index of the whole dataset once (capped).</param>
public sealed class DuplicateSamples(long? expectedSamples = null) : DatasetAnalysis<DuplicateSamples.State>
{
    public override State Create() => new(expectedSamples);

    public override void Drain(State prefix, ICollection<Finding> findings) => prefix.TakeDuplicates(findings);

    public override void Complete(State whole, AnalysisResults results)
    {
    }

    /// <summary>
    /// A run of samples. A run that starts at the first sample (the dataset so far) indexes each content's first
    /// occurrence and names the repeats; any other run (a worker's batch, later a shard) keeps its fingerprints in
    /// storage order until it is merged after the run before it.
    /// </summary>
    public sealed class State(long? expectedSamples) : IAnalysisState
    {
        private readonly List<(UInt128 Fingerprint, long Index, string Id)> _sequence = new(256);
        private readonly List<(long Index, string Id, UInt128 Fingerprint)> _repeats = [];
        private Dictionary<UInt128, SampleIdArena.Handle>? _first;
        private SampleIdArena? _ids;
        private long _end;

        public void Observe(in AnalysedSample sample)
        {
            _end = sample.Index + 1;
            if (!sample.Readable || ContentFingerprint.Of(sample.Content, sample.Record) is not { } fingerprint) return;
            _sequence.Add((fingerprint, sample.Index, sample.Id));
        }

        public void Merge(IAnalysisState later)
        {
            var other = (State)later;
            if (_first is null && _end == 0 && _sequence.Count == 0)
            {
                // The first run of the dataset: from here on, an index of first occurrences.
                _first = new Dictionary<UInt128, SampleIdArena.Handle>((int)Math.Clamp(expectedSamples ?? 0, 0, 1 << 24));
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
