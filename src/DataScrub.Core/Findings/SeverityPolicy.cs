namespace DataScrub.Findings;

/// <summary>
/// The user's word on severities (<c>--severity KIND=error|warning|off</c>): it wins over a kind's default and
/// over the severity a finding's context gave it. A kind switched off is neither listed nor counted, cannot fail
/// the run and drops no sample.
/// </summary>
public sealed record SeverityPolicy
{
    public static SeverityPolicy Default { get; } = new();

    /// <summary>Kind → its severity, or null for off. Kinds not named keep their own severity.</summary>
    public IReadOnlyDictionary<FindingKind, Severity?> Overrides { get; init; } = new Dictionary<FindingKind, Severity?>();

    public bool IsDefault => Overrides.Count == 0;

    /// <summary>The finding as the user wants it reported, or null when its kind is off.</summary>
    public Finding? Apply(Finding finding)
    {
        if (!Overrides.TryGetValue(finding.Kind, out var severity)) return finding;
        if (severity is not { } s) return null;
        return finding.Severity == s ? finding : finding with { Severity = s };
    }

    /// <summary>The severity <see cref="Apply"/> gives <paramref name="finding"/> (null when its kind is off), without
    /// making a new finding: for analyses that count a sample's findings on a worker thread.</summary>
    public Severity? SeverityOf(Finding finding) =>
        Overrides.TryGetValue(finding.Kind, out var severity) ? severity : finding.Severity;

    /// <summary>The severity findings of <paramref name="kind"/> have unless their context changes it.</summary>
    public Severity? SeverityOf(FindingKind kind) =>
        Overrides.TryGetValue(kind, out var severity) ? severity : kind.Severity;

    /// <summary>The name the command line and the report use: error, warning or off.</summary>
    public static string Word(Severity? severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "off",
    };

    /// <summary>Parses <c>KIND=error|warning|off</c>; null with the reason when it is not one.</summary>
    public static (FindingKind Kind, Severity? Severity)? TryParse(string text, out string? error)
    {
        error = null;
        var at = text.IndexOf('=');
        var name = at < 0 ? text.Trim() : text[..at].Trim();
        var value = at < 0 ? "" : text[(at + 1)..].Trim();
        if (at < 0 || name.Length == 0 || value.Length == 0)
        {
            error = $"'{text}' is not KIND=error|warning|off";
            return null;
        }
        if (FindingKinds.Find(name) is not { } kind)
        {
            error = $"unknown kind '{name}' (known: {string.Join(", ", FindingKinds.All.Select(k => k.Name))})";
            return null;
        }
        Severity? severity = value switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            "off" => null,
            _ => (Severity)0,
        };
        if (severity == (Severity)0)
        {
            error = $"'{value}' is not one of error, warning, off (in '{text}')";
            return null;
        }
        return (kind, severity);
    }
}
