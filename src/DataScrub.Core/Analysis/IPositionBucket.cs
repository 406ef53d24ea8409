namespace DataScrub.Analysis;

/// <summary>What <see cref="PowerOfTwoBuckets{TBucket}"/> keeps of the positions in one bucket: plain data, empty by
/// default, and combinable in order.</summary>
public interface IPositionBucket<TSelf> where TSelf : struct, IPositionBucket<TSelf>
{
    /// <summary>True for a bucket that holds no position (the default value).</summary>
    bool IsEmpty { get; }

    /// <summary>The bucket holding the positions of <paramref name="earlier"/> and then those of <paramref name="later"/>
    /// (both non-empty, every position of <paramref name="earlier"/> before those of <paramref name="later"/>).</summary>
    static abstract TSelf Combine(in TSelf earlier, in TSelf later);
}
