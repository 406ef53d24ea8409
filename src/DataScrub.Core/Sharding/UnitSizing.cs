namespace DataScrub.Sharding;

/// <summary>
/// How many samples a unit holds when a reader cuts a dataset of known size into equal units (HDF5 rows, image
/// listings): at most <see cref="MaxUnits"/> units; at least 64 while units stay under a worker batch (256 samples),
/// so 64 shards can balance; and otherwise units of a whole batch, so that cutting batches at unit boundaries costs
/// nothing. A dataset of up to 64 samples gets one unit per sample.
/// </summary>
public static class UnitSizing
{
    public const long MaxUnits = 1024;

    /// <summary>Samples per unit for <paramref name="total"/> samples (at least 1).</summary>
    public static long SamplesPerUnit(long total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var fewest = (total + MaxUnits - 1) / MaxUnits;
        var forBalance = Math.Min(256, (total + 63) / 64);
        return Math.Max(1, Math.Max(fewest, forBalance));
    }
}
