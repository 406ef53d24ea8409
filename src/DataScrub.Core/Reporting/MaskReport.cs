namespace DataScrub.Reporting;

/// <summary>Segmentation masks of one dataset: how many are empty, and per batch size the probability
/// that a whole shuffled batch has only empty masks (a DICE loss of 0/0 for the batch).</summary>
public sealed record MaskReport(long Masks, long Empty, double EmptyFraction, IReadOnlyDictionary<int, double> AllEmptyBatchProbability);
