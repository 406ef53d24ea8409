namespace DataScrub.Findings;

/// <summary>The registry of finding kinds: one place, stable names, fixed severities. The order here
/// is the order of <c>counts</c> in reports.</summary>
public static class FindingKinds
{
    public static readonly FindingKind Nan =
        new("nan", Severity.Error, FindingLevel.Sample, "NaN values in a float field");

    public static readonly FindingKind Inf =
        new("inf", Severity.Error, FindingLevel.Sample, "+Inf or -Inf values in a float field");

    public static readonly FindingKind ShapeMismatch =
        new("shape-mismatch", Severity.Error, FindingLevel.Sample, "stored element count differs from the declared shape, or no payload at all");

    public static readonly FindingKind UnreadableRecord =
        new("unreadable-record", Severity.Error, FindingLevel.Sample, "the record cannot be decoded (not a caffe Datum)");

    public static IReadOnlyList<FindingKind> All { get; } = [Nan, Inf, ShapeMismatch, UnreadableRecord];

    public static FindingKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>Position in the registry, for stable ordering.</summary>
    public static int OrderOf(FindingKind kind)
    {
        for (var i = 0; i < All.Count; i++)
            if (ReferenceEquals(All[i], kind)) return i;
        return All.Count;
    }
}
