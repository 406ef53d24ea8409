using DataScrub.Analysis;
using DataScrub.Findings;

namespace DataScrub.Sharding;

/// <summary>
/// What one shard's scan of one dataset keeps for <c>merge</c>: its sample count and bytes, its sample findings
/// (counts per kind, and the first listed of each kind, numbered within the shard), the store findings its reader made
/// (before the severity policy: the merge applies it in the single scan's order), and each analysis's state: the
/// shard's whole state, or for an analysis that folds by unit the nodes of its <see cref="UnitTree"/>.
/// </summary>
public sealed class ShardResult : IDisposable
{
    public long Samples { get; init; }

    public long Bytes { get; init; }

    public double Seconds { get; init; }

    public required IReadOnlyList<(FindingKind Kind, long Warnings, long Errors)> SampleCounts { get; init; }

    public required IReadOnlyList<Finding> Listed { get; init; }

    public required IReadOnlyList<Finding> StoreFindings { get; init; }

    public required IReadOnlyList<IDatasetAnalysis> Analyses { get; init; }

    /// <summary>Per analysis: its state, or null when it folds by unit (<see cref="Nodes"/>).</summary>
    public required IReadOnlyList<IAnalysisState?> States { get; init; }

    /// <summary>Per analysis that folds by unit: its tree's nodes; else null.</summary>
    public required IReadOnlyList<IReadOnlyList<(int Level, long Index, IAnalysisState State)>?> Nodes { get; init; }

    /// <summary>Writes everything but the dataset's description (<see cref="ShardStateFile"/> writes that).</summary>
    public void Write(ShardStateWriter writer)
    {
        writer.Write(Samples);
        writer.Write(Bytes);
        writer.Write(Seconds);
        writer.Write(SampleCounts.Count);
        foreach (var (kind, warnings, errors) in SampleCounts)
        {
            writer.Write(kind.Name);
            writer.Write(warnings);
            writer.Write(errors);
        }
        writer.Write(Listed.Count);
        foreach (var finding in Listed) writer.Write(finding);
        writer.Write(StoreFindings.Count);
        foreach (var finding in StoreFindings) writer.Write(finding);
        writer.Write(Analyses.Count);
        for (var a = 0; a < Analyses.Count; a++)
        {
            writer.Write(Analyses[a].GetType().Name);
            if (Nodes[a] is { } nodes)
            {
                writer.Write(nodes.Count);
                foreach (var (level, index, state) in nodes)
                {
                    writer.Write(level);
                    writer.Write(index);
                    Analyses[a].WriteShard(state, writer);
                }
            }
            else
            {
                writer.Write(-1);
                Analyses[a].WriteShard(States[a]!, writer);
            }
        }
    }

    /// <summary>Releases the per-sample logs' temporary files (the states that keep a log are disposable).</summary>
    public void Dispose()
    {
        foreach (var state in States.Concat(Nodes.SelectMany(n => n?.Select(x => x.State) ?? [])))
            (state as IDisposable)?.Dispose();
    }
}
