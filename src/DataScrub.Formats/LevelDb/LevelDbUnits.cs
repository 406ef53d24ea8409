using DataScrub.Sharding;

namespace DataScrub.Formats.LevelDb;

/// <summary>
/// The store cut into <see cref="Count"/> contiguous user-key ranges (<see cref="DataScrub.Samples.DatasetInfo.Units"/>):
/// unit 0 starts at the first key, unit u ≥ 1 at <c>Starts[u - 1]</c>, and each ends where the next starts.
/// (The same shape as LMDB's units; each format folder keeps its own so that neither depends on the other.)
/// </summary>
internal sealed class LevelDbUnits
{
    private readonly IReadOnlyList<byte[]> _starts;

    public LevelDbUnits(IReadOnlyList<byte[]> starts) => _starts = starts;

    /// <summary>One unit: the whole key space.</summary>
    public static LevelDbUnits Single { get; } = new([]);

    public long Count => _starts.Count + 1;

    /// <summary>The key range of <paramref name="shard"/>'s units; null when it has none.</summary>
    public LevelDbKeyRange? RangeOf(ShardSpec shard)
    {
        var (first, end) = shard.UnitsOf(Count);
        if (first == end) return null;
        return new LevelDbKeyRange(first == 0 ? null : _starts[(int)first - 1], end == Count ? null : _starts[(int)end - 1]);
    }

    /// <summary>Finds the unit of keys met in ascending order: moves forward only, so a whole scan costs one pass.</summary>
    public sealed class Cursor(LevelDbUnits units)
    {
        private int _unit;

        public long UnitOf(ReadOnlySpan<byte> userKey)
        {
            while (_unit < units._starts.Count && userKey.SequenceCompareTo(units._starts[_unit]) >= 0) _unit++;
            return _unit;
        }
    }
}
