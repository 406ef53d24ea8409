using DataScrub.Analysis;
using DataScrub.Findings;
using DataScrub.Pipeline;
using DataScrub.Reporting;
using DataScrub.Samples;

namespace DataScrub.Sharding;

/// <summary>
/// Joins the shards of one dataset into the report one scan gives: the shards' sample findings in order (numbered
/// after the samples of the shards before), then each analysis's shard states merged into the dataset so far exactly
/// as worker batches are (the per-sample logs replayed at their final positions; the unit trees' nodes joined), then
/// the store findings, and the analyses complete. Reads each shard's state once, front to back: memory is the
/// analyses' (what one scan holds), not the shards'.
/// </summary>
public static class ShardMerge
{
    /// <param name="shards">One reader per shard, in shard order, each at this dataset's <see cref="ShardResult"/> when it is enumerated
    /// (the parts of a resumed scan come one after another from one reader).</param>
    /// <param name="analyses">The analyses a single scan of the dataset would run (same options), not in shard mode.</param>
    /// <exception cref="ShardStateException">A state file is damaged or was written by other analyses.</exception>
    public static DatasetReport Merge(DatasetInfo info, IEnumerable<ShardStateReader> shards, IReadOnlyList<IDatasetAnalysis> analyses,
        int maxFindingsPerKind, SeverityPolicy severities)
    {
        var aggregator = new ReportAggregator(maxFindingsPerKind, new ScanProgress(), analyses, observe: null, severities);
        var storeFindings = new List<Finding>();
        long offset = 0;
        double seconds = 0;
        foreach (var reader in shards)
        {
            try
            {
                offset += MergeOne(reader, offset, aggregator, analyses, storeFindings, ref seconds);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidOperationException)
            {
                throw reader.Damaged(e.Message);
            }
        }
        return aggregator.Complete(info, storeFindings, seconds);
    }

    /// <returns>The shard's samples.</returns>
    private static long MergeOne(ShardStateReader reader, long offset, ReportAggregator aggregator, IReadOnlyList<IDatasetAnalysis> analyses,
        List<Finding> storeFindings, ref double seconds)
    {
        var samples = reader.ReadInt64();
        var bytes = reader.ReadInt64();
        // The shards ran side by side: the scan took as long as the slowest.
        seconds = Math.Max(seconds, reader.ReadDouble());
        var counts = new (FindingKind, long, long)[reader.ReadCount(16)];
        for (var i = 0; i < counts.Length; i++)
        {
            var name = reader.ReadString();
            counts[i] = (FindingKinds.Find(name) ?? throw reader.Damaged($"unknown finding kind '{name}'"), reader.ReadInt64(), reader.ReadInt64());
        }
        var listed = new Finding[reader.ReadCount(16)];
        for (var i = 0; i < listed.Length; i++) listed[i] = reader.ReadFinding(offset);
        var store = reader.ReadCount(16);
        for (var i = 0; i < store; i++) storeFindings.Add(reader.ReadFinding(0));
        aggregator.AddShardFindings(counts, listed);

        if (reader.ReadInt32() != analyses.Count) throw reader.Damaged($"the shard ran other analyses than these {analyses.Count}");
        for (var a = 0; a < analyses.Count; a++)
        {
            var analysis = analyses[a];
            var name = reader.ReadString();
            if (name != analysis.GetType().Name) throw reader.Damaged($"the shard's analysis {a} is {name}, not {analysis.GetType().Name}");
            var nodes = reader.ReadInt32();
            if (nodes >= 0 != analysis.FoldsByUnit) throw reader.Damaged($"{name} {(analysis.FoldsByUnit ? "without" : "with")} unit nodes");
            if (nodes < 0)
            {
                foreach (var state in analysis.ReadShard(reader, offset)) aggregator.MergeShardState(a, state);
                continue;
            }
            for (var n = 0; n < nodes; n++)
            {
                var level = reader.ReadInt32();
                var index = reader.ReadInt64();
                aggregator.AddShardNode(a, level, index, analysis.ReadShard(reader, offset).Single());
            }
        }
        aggregator.AddShardSamples(samples, bytes);
        return samples;
    }
}
