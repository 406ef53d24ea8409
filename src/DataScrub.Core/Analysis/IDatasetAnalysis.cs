using DataScrub.Findings;

namespace DataScrub.Analysis;

/// <summary>
/// A dataset-level analysis, fed by the aggregator with every sample's summary in storage order (so
/// order-dependent analyses, such as storage-order batches, are possible). It never rereads data.
/// One instance per scan; called from one thread.
/// </summary>
public interface IDatasetAnalysis
{
    void Observe(long sampleIndex, in SampleSummary summary);

    /// <summary>Dataset-level findings, once every sample was observed.</summary>
    IEnumerable<Finding> Complete();
}
