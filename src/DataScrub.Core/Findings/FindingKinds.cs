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

    public static readonly FindingKind CorruptStore =
        new("corrupt-store", Severity.Error, FindingLevel.Dataset, "damaged store structure (checksum mismatch, truncated or missing file, garbled block); records in it are lost");

    public static readonly FindingKind UnsupportedFilter =
        new("unsupported-filter", Severity.Error, FindingLevel.Dataset, "a block or chunk is encoded with a compression this build cannot decode; records in it are not scanned");

    public static readonly FindingKind TornLogRecord =
        new("torn-log-record", Severity.Warning, FindingLevel.Dataset, "the write-ahead log ends in a partly written record (the writer stopped mid-write); it is skipped, as the store itself skips it");

    public static readonly FindingKind MissingFile =
        new("missing-file", Severity.Error, FindingLevel.Sample, "a list entry names a file that does not exist; the trainer would fail on it");

    public static readonly FindingKind MissingDataset =
        new("missing-dataset", Severity.Error, FindingLevel.Dataset, "a dataset asked for (a Caffe top) is not in the file");

    public static readonly FindingKind UnsupportedType =
        new("unsupported-type", Severity.Warning, FindingLevel.Dataset, "a dataset whose elements are not numbers DataScrub can check (strings, compounds, ...); it is not scanned");

    public static IReadOnlyList<FindingKind> All { get; } =
        [Nan, Inf, ShapeMismatch, UnreadableRecord, MissingFile, CorruptStore, UnsupportedFilter, MissingDataset, UnsupportedType, TornLogRecord];

    public static FindingKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>Position in the registry, for stable ordering.</summary>
    public static int OrderOf(FindingKind kind)
    {
        for (var i = 0; i < All.Count; i++)
            if (ReferenceEquals(All[i], kind)) return i;
        return All.Count;
    }
}
