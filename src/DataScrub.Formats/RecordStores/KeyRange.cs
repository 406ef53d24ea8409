namespace DataScrub.Formats.RecordStores;

/// <summary>The keys [<see cref="From"/>, <see cref="To"/>) in bytewise order (LMDB's default order, shorter first on
/// a common prefix, and LevelDB's default comparator on user keys); a null bound is open (the start or the end of the
/// key space). A shard's part of a key-value store.</summary>
internal sealed record KeyRange(byte[]? From, byte[]? To)
{
    public static KeyRange All { get; } = new(null, null);

    public bool IsAll => From is null && To is null;

    public bool Contains(ReadOnlySpan<byte> key) => IsAtOrAfterStart(key) && IsBelowEnd(key);

    public bool IsAtOrAfterStart(ReadOnlySpan<byte> key) => From is null || key.SequenceCompareTo(From) >= 0;

    public bool IsBelowEnd(ReadOnlySpan<byte> key) => To is null || key.SequenceCompareTo(To) < 0;

    /// <summary>True when some key in [<paramref name="low"/>, <paramref name="high"/>) (open where said) is in this
    /// range: an LMDB subtree between its parent's separators.</summary>
    public bool Overlaps(ReadOnlySpan<byte> low, bool lowOpen, ReadOnlySpan<byte> high, bool highOpen) =>
        (To is null || lowOpen || low.SequenceCompareTo(To) < 0)
        && (From is null || highOpen || high.SequenceCompareTo(From) > 0);

    /// <summary>True when some key of [<paramref name="smallest"/>, <paramref name="largest"/>] (a LevelDB table's user
    /// keys) is in this range.</summary>
    public bool Overlaps(ReadOnlySpan<byte> smallest, ReadOnlySpan<byte> largest) =>
        IsAtOrAfterStart(largest) && IsBelowEnd(smallest);
}
