namespace DataScrub.Images.Previews;

/// <summary>
/// Which damaged images are still worth a thumbnail: the scan keeps the first <see cref="Max"/> in storage order
/// (<c>DamagedImagePreviews</c>), so an image needs none once that many earlier ones have one. Shared by the workers
/// of one scan; it only saves work (two decodes and an encode per damaged image): it never refuses an image the report
/// keeps, since it refuses one only when <see cref="Max"/> earlier thumbnails exist and will reach the report.
/// </summary>
public sealed class DamagedImagePreviewQuota(int max)
{
    private readonly object _lock = new();

    /// <summary>The lowest sample indices that have a thumbnail, ascending: at most <see cref="Max"/>.</summary>
    private readonly List<long> _made = [];

    public int Max { get; } = max >= 1 ? max : throw new ArgumentOutOfRangeException(nameof(max), max, "at least 1");

    /// <summary>False when <see cref="Max"/> samples before <paramref name="index"/> have a thumbnail.</summary>
    public bool Wants(long index)
    {
        lock (_lock) return _made.Count < Max || index < _made[^1];
    }

    /// <summary>Sample <paramref name="index"/> has a thumbnail.</summary>
    public void Made(long index)
    {
        lock (_lock)
        {
            var at = _made.BinarySearch(index);
            if (at >= 0) return;
            _made.Insert(~at, index);
            if (_made.Count > Max) _made.RemoveAt(_made.Count - 1);
        }
    }
}
