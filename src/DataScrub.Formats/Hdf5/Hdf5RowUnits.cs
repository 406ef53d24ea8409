using DataScrub.Sharding;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The units (<see cref="Samples.DatasetInfo.Units"/>) of an HDF5 input: its files' rows concatenated in listing order
/// (row counts from metadata: each listing's declared N) and cut into at most <see cref="MaxUnits"/> runs of
/// <see cref="RowsPerUnit"/> rows (<see cref="UnitSizing"/>). Every process computes the same cut from the same metadata, whatever its shard. A
/// listing without countable rows (missing, unreadable, no readable dataset) sits at the position where its rows would
/// start, so it belongs to exactly one unit: the one holding that position (the last unit at the very end).
/// </summary>
internal sealed class Hdf5RowUnits
{
    /// <summary>The most units: fine enough to spread over many shards, few enough that per-unit state stays small.</summary>
    public const long MaxUnits = UnitSizing.MaxUnits;

    private readonly long[] _firstRows;
    private readonly long[] _rows;

    /// <param name="rows">Each listing's row count, in listing order (0 when it has none that can be counted).</param>
    public Hdf5RowUnits(IReadOnlyList<long> rows)
    {
        _rows = [.. rows];
        _firstRows = new long[_rows.Length];
        long total = 0;
        for (var i = 0; i < _rows.Length; i++)
        {
            _firstRows[i] = total;
            total = checked(total + _rows[i]);
        }
        TotalRows = total;
        // One row per unit while there are at most MaxUnits rows (tiny inputs still spread over every shard).
        RowsPerUnit = Sharding.UnitSizing.SamplesPerUnit(total);
        Units = Math.Max(1, (total + RowsPerUnit - 1) / RowsPerUnit);
    }

    public long TotalRows { get; }

    public long RowsPerUnit { get; }

    /// <summary>At least 1, at most <see cref="MaxUnits"/>.</summary>
    public long Units { get; }

    /// <summary>Rows listing <paramref name="listing"/> holds, as counted from metadata.</summary>
    public long RowsOf(int listing) => _rows[listing];

    /// <summary>The position of the listing's row 0 among all rows.</summary>
    public long FirstRowOf(int listing) => _firstRows[listing];

    /// <summary>The unit of the row at <paramref name="position"/> among all rows (a position at the very end: the last unit).</summary>
    public long UnitOf(long position) => Math.Min(position / RowsPerUnit, Units - 1);

    /// <summary>The unit that owns what is said about a listing as a whole (missing, unreadable, its metadata): the unit of
    /// its first row, or of the position its rows would start at.</summary>
    public long OwnerOf(int listing) => UnitOf(_firstRows[listing]);

    /// <summary>The rows [first, end) among all rows that <paramref name="shard"/> reads.</summary>
    public (long First, long End) RowsOf(ShardSpec shard)
    {
        var (first, end) = shard.UnitsOf(Units);
        return (Math.Min(first * RowsPerUnit, TotalRows), Math.Min(end * RowsPerUnit, TotalRows));
    }
}
