namespace DataScrub.Cli.Reporting.Html.Charts;

/// <summary>Splits a long run of items into at most N runs of neighbours, so a chart keeps a bounded number of
/// marks whatever the dataset (1,000 columns for 20,000 classes); the caller merges each run into one mark.</summary>
public static class ChartBuckets
{
    public static IReadOnlyList<IReadOnlyList<T>> Of<T>(IReadOnlyList<T> items, int maxBuckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 1);
        if (items.Count <= maxBuckets) return items.Select(i => (IReadOnlyList<T>)[i]).ToList();
        var size = (items.Count + maxBuckets - 1) / maxBuckets;
        var buckets = new List<IReadOnlyList<T>>();
        for (var start = 0; start < items.Count; start += size)
            buckets.Add(items.Skip(start).Take(size).ToList());
        return buckets;
    }
}
