namespace DataScrub.Formats.Hdf5;

/// <summary>
/// A set of rows as sorted, disjoint, non-adjacent ranges [Start, End). Unwritten and unreadable parts of
/// a dataset are kept this way, so that a dataset declared with 2^31 rows costs a few ranges, not a
/// bit per row.
/// </summary>
internal sealed class Hdf5RowRanges
{
    private readonly List<(long Start, long End)> _ranges = [];

    public static Hdf5RowRanges Empty => new();

    public static Hdf5RowRanges All(long rows)
    {
        var all = new Hdf5RowRanges();
        all.Add(0, rows);
        return all;
    }

    public IReadOnlyList<(long Start, long End)> Ranges => _ranges;

    public long Count => _ranges.Sum(r => r.End - r.Start);

    public bool IsEmpty => _ranges.Count == 0;

    /// <summary>Adds [start, end); ranges must come in ascending order (they may touch or overlap the last one).</summary>
    public void Add(long start, long end)
    {
        if (end <= start) return;
        if (_ranges.Count > 0)
        {
            var last = _ranges[^1];
            if (start < last.Start) throw new ArgumentException($"rows {start}..{end} added after {last.Start}..{last.End}");
            if (start <= last.End)
            {
                _ranges[^1] = (last.Start, Math.Max(last.End, end));
                return;
            }
        }
        _ranges.Add((start, end));
    }

    /// <summary>The rows of [0, rows) not in this set.</summary>
    public Hdf5RowRanges Complement(long rows)
    {
        var result = new Hdf5RowRanges();
        long at = 0;
        foreach (var (start, end) in _ranges)
        {
            result.Add(at, Math.Min(start, rows));
            at = Math.Max(at, end);
        }
        result.Add(at, rows);
        return result;
    }

    /// <summary>The rows in this set and not in <paramref name="other"/>.</summary>
    public Hdf5RowRanges Except(Hdf5RowRanges other)
    {
        var end = Math.Max(_ranges.Count == 0 ? 0 : _ranges[^1].End, other._ranges.Count == 0 ? 0 : other._ranges[^1].End);
        return Intersect(other.Complement(end));
    }

    public Hdf5RowRanges Intersect(Hdf5RowRanges other)
    {
        var result = new Hdf5RowRanges();
        int i = 0, j = 0;
        while (i < _ranges.Count && j < other._ranges.Count)
        {
            var (a, b) = (_ranges[i], other._ranges[j]);
            result.Add(Math.Max(a.Start, b.Start), Math.Min(a.End, b.End));
            if (a.End < b.End) i++;
            else j++;
        }
        return result;
    }

    /// <summary>True when every row of [start, end) is in the set.</summary>
    public bool Covers(long start, long end)
    {
        // The last range starting at or before start (binary search: sets may hold many ranges).
        int low = 0, high = _ranges.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (_ranges[middle].Start <= start) (found, low) = (middle, middle + 1);
            else high = middle - 1;
        }
        return found >= 0 && end <= _ranges[found].End;
    }

    /// <summary>"a..b, c..d", the first few ranges and how many more.</summary>
    public override string ToString() =>
        string.Join(", ", _ranges.Take(5).Select(r => $"{r.Start}..{r.End - 1}")) + (_ranges.Count > 5 ? $" and {_ranges.Count - 5} more ranges" : "");
}
