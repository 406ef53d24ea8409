using DataScrub.Findings;

namespace DataScrub.Rebuild;

/// <summary>Which samples a rebuild leaves out: those with a sample-level finding of severity error
/// (<c>--drop-bad</c>) and/or of the named kinds (<c>--drop nan,duplicate</c>). Dataset-level findings
/// never drop a sample. Severities are the ones that apply to each finding (its context and the user's
/// <c>--severity</c>): a <c>label-out-of-range</c> that rests on an inferred K is a warning, and kept by
/// <c>--drop-bad</c>.</summary>
public sealed record DropRule(bool DropErrors, IReadOnlySet<FindingKind> Kinds)
{
    public static DropRule None { get; } = new(false, new HashSet<FindingKind>());

    /// <summary>The user's severity overrides, which decide what <c>--drop-bad</c> can drop.</summary>
    public SeverityPolicy Severities { get; init; } = SeverityPolicy.Default;

    public bool IsEmpty => !DropErrors && Kinds.Count == 0;

    /// <summary>Whether the finding drops its sample; <paramref name="finding"/> carries the severity that applied.</summary>
    public bool Drops(Finding finding) =>
        finding.Sample is not null && finding.SampleIndex is not null && Covers(finding);

    /// <summary>Whether the rule covers the finding's kind and severity, whether or not it names a sample.</summary>
    public bool Covers(Finding finding) => DropErrors && finding.Severity == Severity.Error || Kinds.Contains(finding.Kind);

    /// <summary>The sample-level kinds this rule can drop (those whose findings can be errors, with --drop-bad):
    /// the checks a verification re-scan must run.</summary>
    public IEnumerable<FindingKind> DroppedKinds =>
        FindingKinds.All.Where(k => k.Level == FindingLevel.Sample
            && (DropErrors && Severities.SeverityOf(k) == Severity.Error || Kinds.Contains(k)));
}
