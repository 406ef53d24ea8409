namespace DataScrub.Rebuild;

/// <summary>
/// A writer's fast path that needs no samples: it copies the source's files itself, byte-identical, leaving out
/// the plan's dropped positions (an HDF5 file rewritten without its dropped rows keeps its dtypes, chunking,
/// filters and attributes, which rows handed over one by one would lose). The <see cref="RebuildLoop"/> then
/// reads no sample.
/// </summary>
public interface ISourceCopyWriter
{
    RebuildOutput CopySource(CancellationToken cancellationToken);
}
