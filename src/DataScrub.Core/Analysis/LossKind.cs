namespace DataScrub.Analysis;

/// <summary>What the training loss does with a batch's classes (<c>--loss</c>): it decides whether a batch that
/// misses a class is harmless or a 0/0.</summary>
public enum LossKind
{
    /// <summary>A loss averaged over the batch's samples (Caffe's SoftmaxWithLoss, the default): a class missing from
    /// a batch changes nothing, so batch findings are warnings.</summary>
    Softmax,

    /// <summary>A loss normalised by each class's frequency in the batch (class-balanced or DICE-style per-batch
    /// weighting): a class missing from a batch divides 0 by 0, so batch findings are errors.</summary>
    BatchNormalized,
}
