using DataScrub.Findings;

namespace DataScrub.Analysis;

/// <summary>The typed base of an analysis whose state is <typeparamref name="TState"/>.</summary>
public abstract class DatasetAnalysis<TState> : IDatasetAnalysis where TState : class, IAnalysisState
{
    public abstract TState Create();

    public virtual void Drain(TState prefix, ICollection<Finding> findings)
    {
    }

    public abstract void Complete(TState whole, AnalysisResults results);

    /// <inheritdoc cref="IDatasetAnalysis.FoldsByUnit"/>
    public virtual bool FoldsByUnit => false;

    /// <inheritdoc cref="IDatasetAnalysis.WriteShard"/>
    public abstract void WriteShard(TState state, Sharding.ShardStateWriter writer);

    /// <inheritdoc cref="IDatasetAnalysis.ReadShard"/>
    public abstract IEnumerable<TState> ReadShard(Sharding.ShardStateReader reader, long offset);

    void IDatasetAnalysis.WriteShard(IAnalysisState state, Sharding.ShardStateWriter writer) => WriteShard((TState)state, writer);

    IEnumerable<IAnalysisState> IDatasetAnalysis.ReadShard(Sharding.ShardStateReader reader, long offset) => ReadShard(reader, offset);

    IAnalysisState IDatasetAnalysis.CreateState() => Create();

    void IDatasetAnalysis.Drain(IAnalysisState prefix, ICollection<Finding> findings) => Drain((TState)prefix, findings);

    void IDatasetAnalysis.Complete(IAnalysisState whole, AnalysisResults results) => Complete((TState)whole, results);
}
