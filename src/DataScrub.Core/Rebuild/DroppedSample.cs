namespace DataScrub.Rebuild;

/// <summary>A sample a rebuild leaves out, with every kind of finding that made it go.</summary>
public sealed record DroppedSample(long Index, string Id, IReadOnlyList<string> Kinds)
{
    /// <summary>Storage-order indexes, for rebuilders that stream the source again.</summary>
    public static HashSet<long> Indexes(IEnumerable<DroppedSample> dropped) => [.. dropped.Select(d => d.Index)];

    /// <summary>Sample ids, for rebuilders that copy by name (files, HDF5 rows).</summary>
    public static HashSet<string> Ids(IEnumerable<DroppedSample> dropped) => new(dropped.Select(d => d.Id), StringComparer.Ordinal);
}
