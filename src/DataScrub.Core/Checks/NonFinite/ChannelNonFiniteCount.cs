namespace DataScrub.Checks.NonFinite;

/// <summary>NaN and ±Inf values in one channel of one sample's input data (only channels that have any).</summary>
/// <param name="Channel">Axis 1 of C x H x W; the feature of a feature vector.</param>
public readonly record struct ChannelNonFiniteCount(int Channel, long NanValues, long InfValues);
