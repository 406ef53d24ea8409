namespace DataScrub.Formats;

/// <summary>The formats known to one run, and <c>auto</c> detection over them.</summary>
public sealed class FormatRegistry
{
    public const string Auto = "auto";

    private readonly IReadOnlyList<IDatasetFormat> _formats;

    public FormatRegistry(IEnumerable<IDatasetFormat> formats)
    {
        _formats = formats.ToList();
        var duplicate = _formats.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"format '{duplicate.Key}' registered twice");
    }

    public IReadOnlyList<IDatasetFormat> Formats => _formats;

    public IEnumerable<string> Names => _formats.Select(f => f.Name);

    /// <summary>The format named <paramref name="name"/>, or the detected one for <c>auto</c>.</summary>
    /// <exception cref="DatasetUnreadableException">Missing path.</exception>
    /// <exception cref="UnrecognisedFormatException">No format matches.</exception>
    public IDatasetFormat Resolve(string path, string name)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new DatasetUnreadableException(path, "no such file or directory");
        if (name != Auto)
            return _formats.FirstOrDefault(f => f.Name == name)
                ?? throw new ArgumentException($"unknown format '{name}' (known: {string.Join(", ", Names)})");
        var match = _formats.FirstOrDefault(f => f.IsMatch(path));
        if (match is not null) return match;
        var what = Directory.Exists(path)
            ? Directory.EnumerateFileSystemEntries(path).Any() ? "a directory with no recognised dataset in it" : "an empty directory"
            : "a file in no recognised format";
        throw new UnrecognisedFormatException(path, what, [.. Names]);
    }
}
