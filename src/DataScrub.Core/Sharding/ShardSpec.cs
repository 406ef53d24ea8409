using System.Globalization;

namespace DataScrub.Sharding;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/>: the part of a dataset one process scans when several processes
/// (a Kubernetes Indexed Job, a Slurm array) split it. A dataset is cut into structural units (<see cref="Samples.DatasetInfo.Units"/>,
/// the same in every process); shard I takes units [U·I/N, U·(I+1)/N).
/// </summary>
public readonly record struct ShardSpec
{
    /// <summary>The most shards one dataset may be cut into.</summary>
    public const int MaxCount = 4096;

    public ShardSpec(int index, int count)
    {
        if (count < 1 || count > MaxCount) throw new ArgumentOutOfRangeException(nameof(count), count, $"the shard count is 1 to {MaxCount}");
        if (index < 0 || index >= count) throw new ArgumentOutOfRangeException(nameof(index), index, $"the shard index is 0 to {count - 1}");
        Index = index;
        Count = count;
    }

    /// <summary>0-based.</summary>
    public int Index { get; }

    public int Count { get; }

    /// <summary>A resumed scan (<c>scan --resume</c>) reads from this unit on: the units before it were scanned by the
    /// interrupted run. 0 (every unit of the shard) unless set.</summary>
    public long FirstUnit { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(FirstUnit), value, "a unit number is not negative"); }

    /// <summary>The units [first, end) this shard takes of <paramref name="units"/>; contiguous, and together the shards take every unit once.</summary>
    public (long First, long End) UnitsOf(long units)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        var end = Boundary(units, Index + 1);
        return (Math.Min(Math.Max(Boundary(units, Index), FirstUnit), end), end);
    }

    private long Boundary(long units, int shard) => (long)((Int128)units * shard / Count);

    /// <summary>Parses <c>I/N</c> (0 ≤ I &lt; N); null when <paramref name="text"/> is not of that form.</summary>
    public static ShardSpec? TryParse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0) return null;
        if (!int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)) return null;
        if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)) return null;
        if (count < 1 || count > MaxCount || index >= count) return null;
        return new ShardSpec(index, count);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
