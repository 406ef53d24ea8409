namespace DataScrub.Rebuild;

/// <summary>
/// The storage-order positions a rebuild leaves out: the samples dropped for their own findings and every sample
/// of a file left out whole. Writers and the rebuild loop ask by position, never by a sample's display id.
/// </summary>
public sealed class DropSet
{
    private readonly long[] _samples;
    private readonly HashSet<long> _lookup;
    private readonly (long First, long Count)[] _files;

    public DropSet(IEnumerable<long> samples, IEnumerable<(long First, long Count)> files)
    {
        _samples = [.. samples.Distinct().Order()];
        _lookup = [.. _samples];
        _files = [.. files.Where(f => f.Count > 0)];
    }

    public static DropSet Empty { get; } = new([], []);

    public static DropSet Of(IEnumerable<DroppedSample> samples, IEnumerable<DroppedFile> files) =>
        new(samples.Select(s => s.Index), files.Select(f => (f.FirstIndex, f.Samples)));

    /// <summary>Whether the sample at this storage-order position is left out.</summary>
    public bool Contains(long index)
    {
        if (_lookup.Contains(index)) return true;
        foreach (var (first, count) in _files)
            if (index >= first && index < first + count) return true;
        return false;
    }

    /// <summary>The positions dropped for their own findings within [first, first + count), relative to first:
    /// the rows to leave out of a file whose samples start at <paramref name="first"/>.</summary>
    public HashSet<long> Within(long first, long count)
    {
        var from = Array.BinarySearch(_samples, first);
        if (from < 0) from = ~from;
        var rows = new HashSet<long>();
        for (var i = from; i < _samples.Length && _samples[i] < first + count; i++) rows.Add(_samples[i] - first);
        return rows;
    }
}
