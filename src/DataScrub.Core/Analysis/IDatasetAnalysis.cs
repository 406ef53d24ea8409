using DataScrub.Findings;

namespace DataScrub.Analysis;

/// <summary>
/// A dataset-level analysis, as a plug-in: it owns its state (<see cref="IAnalysisState"/>), which the workers fill
/// per batch and the aggregator merges in storage order, and it writes its own findings and report section. The
/// pipeline knows no analysis by name. One instance per scan (per dataset), shared by every worker: immutable, or
/// thread-safe where it holds a hint for the workers.
/// </summary>
/// <remarks>
/// Adding an analysis: one class (its state, and its section when it has one), registered in
/// <see cref="StandardAnalyses"/>. Its state's <see cref="IAnalysisState.Merge"/> must be associative so that the
/// same code can later combine the states of shards scanned by several processes; keep the state plain data.
/// </remarks>
public interface IDatasetAnalysis
{
    /// <summary>An empty state: a worker fills one per batch of samples.</summary>
    IAnalysisState CreateState();

    /// <summary>Sample findings that became final once <paramref name="prefix"/> holds every sample from the first up
    /// to its end (a duplicate of an earlier sample); called by the aggregator after each merge. Most analyses have none.</summary>
    void Drain(IAnalysisState prefix, ICollection<Finding> findings);

    /// <summary>True when the state's merge is exact only up to rounding (floating-point moments and sums): the
    /// aggregator then folds the states per unit along a <see cref="UnitTree"/>, so the result is the same for any
    /// split into shards. Such an analysis has no findings to <see cref="Drain"/>.</summary>
    bool FoldsByUnit => false;

    /// <summary>Writes a shard's state for <c>merge</c> (<see cref="Sharding"/>): what does not depend on the shard's
    /// place in the dataset, and the per-sample log of what does.</summary>
    void WriteShard(IAnalysisState state, Sharding.ShardStateWriter writer);

    /// <summary>Reads what <see cref="WriteShard"/> wrote, as states to merge in order into the dataset so far: the
    /// shard's sample indices moved by <paramref name="offset"/> (the samples of the shards before it), its log
    /// replayed at the final positions. Enumerate to the end before reading on.</summary>
    IEnumerable<IAnalysisState> ReadShard(Sharding.ShardStateReader reader, long offset);

    /// <summary>Dataset findings and the report section, once <paramref name="whole"/> holds every sample.</summary>
    void Complete(IAnalysisState whole, AnalysisResults results);
}
