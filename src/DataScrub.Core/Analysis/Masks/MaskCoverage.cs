using DataScrub.Analysis.Batches;

namespace DataScrub.Analysis.Masks;

/// <summary>Counts empty segmentation masks (each also an <c>empty-mask</c> sample finding) and derives,
/// per batch size, the probability that a shuffled batch holds only empty masks (the <c>masks</c> section).</summary>
public sealed class MaskCoverage(IReadOnlyList<int> batchSizes) : DatasetAnalysis<MaskCoverage.State>
{
    public override State Create() => new();

    public override void Complete(State whole, AnalysisResults results)
    {
        if (whole.Masks == 0) return;
        var perBatch = batchSizes.Distinct().Order().ToDictionary(b => b, b => ShuffledBatchMath.AllInBatchProbability(whole.Masks, whole.Empty, b));
        results.Add(new MaskReport(whole.Masks, whole.Empty, (double)whole.Empty / whole.Masks, perBatch));
    }

    public override void WriteShard(State state, Sharding.ShardStateWriter writer)
    {
        writer.Write(state.Masks);
        writer.Write(state.Empty);
    }

    public override IEnumerable<State> ReadShard(Sharding.ShardStateReader reader, long offset)
    {
        yield return new State { Masks = reader.ReadInt64(), Empty = reader.ReadInt64() };
    }

    /// <summary>Samples with a readable mask, and how many of those masks are empty.</summary>
    public sealed class State : IAnalysisState
    {
        public long Masks { get; internal set; }

        public long Empty { get; internal set; }

        public void Observe(in AnalysedSample sample)
        {
            if (sample.Observations.MaskEmpty is not { } empty) return;
            Masks++;
            if (empty) Empty++;
        }

        public void Merge(IAnalysisState later)
        {
            var other = (State)later;
            Masks += other.Masks;
            Empty += other.Empty;
        }
    }
}
