namespace DataScrub.Formats;

/// <summary>No known format recognises the path (auto detection failed); the caller may name the format instead.</summary>
public sealed class UnrecognisedFormatException : DatasetUnreadableException
{
    /// <param name="found">What the path is (<c>an empty directory</c>, <c>a file in no recognised format</c>).</param>
    /// <param name="lookedFor">The formats tried, in detection order.</param>
    public UnrecognisedFormatException(string path, string found, IReadOnlyList<string> lookedFor)
        : base(path, $"{found} (looked for: {string.Join(", ", lookedFor)})")
    {
        LookedFor = lookedFor;
    }

    public IReadOnlyList<string> LookedFor { get; }
}
