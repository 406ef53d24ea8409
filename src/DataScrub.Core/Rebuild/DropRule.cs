using DataScrub.Findings;

namespace DataScrub.Rebuild;

/// <summary>Which samples a rebuild leaves out: those with a sample-level finding of severity error
/// (<c>--drop-bad</c>) and/or of the named kinds (<c>--drop nan,duplicate</c>). Dataset-level findings
/// never drop a sample.</summary>
public sealed record DropRule(bool DropErrors, IReadOnlySet<FindingKind> Kinds)
{
    public static DropRule None { get; } = new(false, new HashSet<FindingKind>());

    public bool IsEmpty => !DropErrors && Kinds.Count == 0;

    public bool Drops(Finding finding) =>
        finding.Sample is not null && finding.SampleIndex is not null
        && (DropErrors && finding.Severity == Severity.Error || Kinds.Contains(finding.Kind));

    /// <summary>The kinds this rule can drop, for verifying a rebuilt dataset.</summary>
    public IEnumerable<FindingKind> DroppedKinds =>
        FindingKinds.All.Where(k => k.Level == FindingLevel.Sample && (DropErrors && k.Severity == Severity.Error || Kinds.Contains(k)));
}
