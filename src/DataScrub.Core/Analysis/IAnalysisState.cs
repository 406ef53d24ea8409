namespace DataScrub.Analysis;

/// <summary>
/// What an analysis keeps of a run of consecutive samples (a worker's batch, the dataset so far, later a shard).
/// Bounded: no payload, only what the analysis needs (counts, moments, window fragments, fingerprints).
/// </summary>
public interface IAnalysisState
{
    /// <summary>The next sample in storage order (worker thread).</summary>
    void Observe(in AnalysedSample sample);

    /// <summary>Appends <paramref name="later"/>, the state of the samples that follow this state's last one
    /// (aggregator thread). Associative: (a + b) + c and a + (b + c) hold the same samples.</summary>
    void Merge(IAnalysisState later);
}
