namespace DataScrub.Sharding;

/// <summary>
/// How many samples a unit holds when a reader cuts a dataset of known size into units (HDF5 rows, image listings, an
/// LMDB's pages by its record count): at most <see cref="MaxUnits"/> units; at least 64 while a unit holds fewer than
/// 1,024 samples (four worker batches), so that 64 shards can balance; and otherwise units of 1,024 samples or more:
/// a worker batch never spans two units, and a unit's last, partial batch costs a batch's overhead, so units of one
/// batch had cost the LMDB scan up to twice its batches (measured: +8% on 200,000 records). A dataset of up to 64
/// samples gets one unit per sample.
/// </summary>
public static class UnitSizing
{
    public const long MaxUnits = 1024;

    /// <summary>Samples per unit for <paramref name="total"/> samples (at least 1).</summary>
    public static long SamplesPerUnit(long total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var fewest = (total + MaxUnits - 1) / MaxUnits;
        var forBalance = Math.Min(1024, (total + 63) / 64);
        return Math.Max(1, Math.Max(fewest, forBalance));
    }
}
