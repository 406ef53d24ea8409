using DataScrub.Analysis;

namespace DataScrub.Analysis.Profile;

/// <summary>One stretch of storage order being counted: its first sample, its samples by outcome, and the keys it
/// starts and ends with (<see cref="LastKey"/> null while its last sample may still follow).</summary>
public struct RangeBucket : IPositionBucket<RangeBucket>
{
    public long FirstIndex;
    public long Samples;
    public long ErrorSamples;
    public long WarningSamples;
    public string? FirstKey;
    public string? LastKey;

    public readonly bool IsEmpty => Samples == 0;

    public static RangeBucket Combine(in RangeBucket earlier, in RangeBucket later) => new()
    {
        FirstIndex = earlier.FirstIndex,
        Samples = earlier.Samples + later.Samples,
        ErrorSamples = earlier.ErrorSamples + later.ErrorSamples,
        WarningSamples = earlier.WarningSamples + later.WarningSamples,
        FirstKey = earlier.FirstKey,
        LastKey = later.LastKey,
    };
}
