namespace DataScrub.Analysis.Batches;

/// <summary>Batches of one size read in storage order (unshuffled), and how many of them miss a class.</summary>
/// <param name="BatchSize">The batch size.</param>
/// <param name="Batches">Batches per epoch: ceil(N / BatchSize), 0 for an empty dataset.</param>
/// <param name="MissingBatches">Batches holding fewer distinct classes than the dataset has.</param>
public sealed record StorageOrderResult(int BatchSize, long Batches, long MissingBatches);
