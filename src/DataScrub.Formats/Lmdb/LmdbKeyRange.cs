namespace DataScrub.Formats.Lmdb;

/// <summary>The keys [<see cref="From"/>, <see cref="To"/>) in LMDB's default order (bytewise, shorter first);
/// a null bound is open (the start or the end of the key space).</summary>
internal sealed record LmdbKeyRange(byte[]? From, byte[]? To)
{
    public static LmdbKeyRange All { get; } = new(null, null);

    public bool IsAll => From is null && To is null;

    /// <summary>True when some key in [<paramref name="low"/>, <paramref name="high"/>) (null: open) is in this range.</summary>
    public bool Overlaps(ReadOnlySpan<byte> low, bool lowOpen, ReadOnlySpan<byte> high, bool highOpen) =>
        (To is null || lowOpen || low.SequenceCompareTo(To) < 0)
        && (From is null || highOpen || high.SequenceCompareTo(From) > 0);

    public bool IsBelowEnd(ReadOnlySpan<byte> key) => To is null || key.SequenceCompareTo(To) < 0;
}
