using DataScrub.Sharding;

namespace DataScrub.Formats.ImageFolder;

/// <summary>
/// The units (<see cref="Samples.DatasetInfo.Units"/>) of an image listing: its entries, in listing order (listfile lines,
/// or the sorted relative paths), cut into at most <see cref="MaxUnits"/> runs of <see cref="ImagesPerUnit"/> entries.
/// Computed from the listing alone, so every process cuts it the same, whatever its shard.
/// </summary>
internal sealed class ImageFolderUnits
{
    /// <summary>The most units: fine enough to spread over many shards, few enough that per-unit state stays small.</summary>
    public const long MaxUnits = Sharding.UnitSizing.MaxUnits;

    private readonly int _entries;

    public ImageFolderUnits(int entries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(entries);
        _entries = entries;
        // One image per unit up to MaxUnits images, so that a handful of images still spreads over every shard.
        ImagesPerUnit = Sharding.UnitSizing.SamplesPerUnit(entries);
        Units = Math.Max(1, (entries + ImagesPerUnit - 1) / ImagesPerUnit);
    }

    public long ImagesPerUnit { get; }

    /// <summary>At least 1, at most <see cref="MaxUnits"/>.</summary>
    public long Units { get; }

    public long UnitOf(int position) => position / ImagesPerUnit;

    /// <summary>The entries [first, end) of the listing that <paramref name="shard"/> reads.</summary>
    public (int First, int End) EntriesOf(ShardSpec shard)
    {
        var (first, end) = shard.UnitsOf(Units);
        return ((int)Math.Min(first * ImagesPerUnit, _entries), (int)Math.Min(end * ImagesPerUnit, _entries));
    }
}
