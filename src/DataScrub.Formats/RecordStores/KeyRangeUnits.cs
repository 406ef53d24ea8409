using DataScrub.Sharding;

namespace DataScrub.Formats.RecordStores;

/// <summary>
/// A key-value store (LMDB, LevelDB) cut into <see cref="Count"/> contiguous key ranges (<see cref="DataScrub.Samples.DatasetInfo.Units"/>):
/// unit 0 starts at the first key, unit u ≥ 1 at <c>Starts[u - 1]</c>, and each ends where the next starts.
/// </summary>
internal sealed class KeyRangeUnits
{
    private readonly IReadOnlyList<byte[]> _starts;

    public KeyRangeUnits(IReadOnlyList<byte[]> starts) => _starts = starts;

    /// <summary>One unit: the whole key space (an empty store, or one too small to cut).</summary>
    public static KeyRangeUnits Single { get; } = new([]);

    public long Count => _starts.Count + 1;

    /// <summary>The key range of <paramref name="shard"/>'s units; null when it has none.</summary>
    public KeyRange? RangeOf(ShardSpec shard)
    {
        var (first, end) = shard.UnitsOf(Count);
        if (first == end) return null;
        return new KeyRange(first == 0 ? null : _starts[(int)first - 1], end == Count ? null : _starts[(int)end - 1]);
    }

    /// <summary>Finds the unit of keys met in ascending order: moves forward only, so a whole scan costs one pass.</summary>
    public sealed class Cursor(KeyRangeUnits units)
    {
        private int _unit;

        public long UnitOf(ReadOnlySpan<byte> key)
        {
            while (_unit < units._starts.Count && key.SequenceCompareTo(units._starts[_unit]) >= 0) _unit++;
            return _unit;
        }
    }
}
