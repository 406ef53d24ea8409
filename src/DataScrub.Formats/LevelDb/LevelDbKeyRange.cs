namespace DataScrub.Formats.LevelDb;

/// <summary>The user keys [<see cref="From"/>, <see cref="To"/>) in bytewise order; a null bound is open (the start
/// or the end of the key space).</summary>
internal sealed record LevelDbKeyRange(byte[]? From, byte[]? To)
{
    public static LevelDbKeyRange All { get; } = new(null, null);

    public bool Contains(ReadOnlySpan<byte> userKey) => IsAtOrAfterStart(userKey) && IsBelowEnd(userKey);

    public bool IsAtOrAfterStart(ReadOnlySpan<byte> userKey) => From is null || userKey.SequenceCompareTo(From) >= 0;

    public bool IsBelowEnd(ReadOnlySpan<byte> userKey) => To is null || userKey.SequenceCompareTo(To) < 0;

    /// <summary>True when some key of [<paramref name="smallest"/>, <paramref name="largest"/>] (a table's user keys) is in this range.</summary>
    public bool Overlaps(ReadOnlySpan<byte> smallest, ReadOnlySpan<byte> largest) =>
        IsAtOrAfterStart(largest) && IsBelowEnd(smallest);
}
