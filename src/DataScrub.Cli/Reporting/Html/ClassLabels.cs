using System.Globalization;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>How the report names a class: its label and, when the dataset's layout names its classes (class
/// folders), the name, e.g. <c>2 dog</c>.</summary>
public sealed class ClassLabels
{
    private readonly Dictionary<long, string> _names = [];

    public ClassLabels(IReadOnlyDictionary<string, long>? names)
    {
        // Two names for one label cannot come from class folders; if they ever did, the first in name order wins.
        foreach (var (name, label) in (names ?? new Dictionary<string, long>()).OrderBy(n => n.Key, StringComparer.Ordinal))
            _names.TryAdd(label, name);
    }

    public static ClassLabels None { get; } = new(null);

    public bool HasNames => _names.Count > 0;

    public string? NameOf(long label) => _names.GetValueOrDefault(label);

    /// <summary><c>2 dog</c>, or <c>2</c> without a name.</summary>
    public string Text(long label) =>
        _names.TryGetValue(label, out var name) ? $"{label.ToString(CultureInfo.InvariantCulture)} {name}" : label.ToString(CultureInfo.InvariantCulture);
}
