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

    public static readonly FindingKind EmptyFile =
        new("empty-file", Severity.Error, FindingLevel.Sample, "a zero-byte image file or encoded image");

    public static readonly FindingKind CorruptImage =
        new("corrupt-image", Severity.Error, FindingLevel.Sample, "content no image decoder accepts (text or HTML saved as an image, a broken header or checksum, a decoder error)");

    public static readonly FindingKind TruncatedImage =
        new("truncated-image", Severity.Error, FindingLevel.Sample, "the data ends before the image does; loaders fail or return incomplete pixels");

    public static readonly FindingKind ImageTooLarge =
        new("image-too-large", Severity.Error, FindingLevel.Sample, "declared width x height above --max-pixels (a decompression bomb, or a loader refusing it)");

    public static readonly FindingKind SmallerThanCrop =
        new("smaller-than-crop", Severity.Error, FindingLevel.Sample, "height or width below --crop-size: Caffe aborts on it mid-training");

    public static readonly FindingKind TrailingData =
        new("trailing-data", Severity.Warning, FindingLevel.Sample, "bytes after the image's end marker (the image itself is complete)");

    public static readonly FindingKind MissingEndMarker =
        new("missing-end-marker", Severity.Warning, FindingLevel.Sample, "the closing marker is missing but the pixel data is complete");

    public static readonly FindingKind FormatMismatch =
        new("format-mismatch", Severity.Warning, FindingLevel.Sample, "the content's format differs from the file extension");

    public static readonly FindingKind LabelOutOfRange =
        new("label-out-of-range", Severity.Error, FindingLevel.Sample, "a class label outside [0, K) (negative, or not a class of the dataset)");

    public static readonly FindingKind MixedChannels =
        new("mixed-channels", Severity.Warning, FindingLevel.Dataset, "grayscale and colour images in one dataset");

    public static IReadOnlyList<FindingKind> All { get; } =
        [Nan, Inf, ShapeMismatch, UnreadableRecord, MissingFile, LabelOutOfRange, EmptyFile, CorruptImage, TruncatedImage, ImageTooLarge, SmallerThanCrop,
         TrailingData, MissingEndMarker, FormatMismatch, CorruptStore, UnsupportedFilter, MissingDataset, UnsupportedType, TornLogRecord, MixedChannels];

    public static FindingKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>Position in the registry, for stable ordering.</summary>
    public static int OrderOf(FindingKind kind)
    {
        for (var i = 0; i < All.Count; i++)
            if (ReferenceEquals(All[i], kind)) return i;
        return All.Count;
    }
}
