namespace DataScrub.Analysis.Batches;

/// <summary>Consecutive storage-order batches of one size, as one point of the profile's class coverage: how many,
/// the first, the fewest distinct classes one held and the sum over all (for the mean).</summary>
public struct CoverageBucket : IPositionBucket<CoverageBucket>
{
    public long FirstBatch;
    public long Batches;
    public int MinClasses;
    public long ClassSum;

    public readonly bool IsEmpty => Batches == 0;

    /// <summary>Counts batch <paramref name="batch"/> (after any already counted) holding <paramref name="classes"/> distinct classes.</summary>
    public void Add(long batch, int classes)
    {
        if (Batches == 0)
        {
            FirstBatch = batch;
            MinClasses = classes;
        }
        else MinClasses = Math.Min(MinClasses, classes);
        Batches++;
        ClassSum += classes;
    }

    public static CoverageBucket Combine(in CoverageBucket earlier, in CoverageBucket later) => new()
    {
        FirstBatch = earlier.FirstBatch,
        Batches = earlier.Batches + later.Batches,
        MinClasses = Math.Min(earlier.MinClasses, later.MinClasses),
        ClassSum = earlier.ClassSum + later.ClassSum,
    };
}
