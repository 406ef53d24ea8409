namespace DataScrub.Analysis.Batches;

/// <summary>A batch size whose probability of missing a class is at most the requested threshold.</summary>
/// <param name="BatchSize">The batch size.</param>
/// <param name="Exact">
/// True: the smallest such batch size, found with the exact probability. False: the exact search was too much
/// work, and this is the smallest batch size whose union bound reaches the threshold; it is sufficient, but a
/// smaller one may also do.
/// </param>
public sealed record BatchSizeRecommendation(int BatchSize, bool Exact);
