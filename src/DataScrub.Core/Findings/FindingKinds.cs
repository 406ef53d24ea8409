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
        new("unsupported-type", Severity.Warning, FindingLevel.Dataset, "a dataset whose elements are not numbers DataScrub can check (strings, compounds, ...), or a type Caffe's HDF5Data refuses (enumerations, bitfields: checked as integers); what DataScrub cannot check is not scanned");

    public static readonly FindingKind UnwrittenRows =
        new("unwritten-rows", Severity.Error, FindingLevel.Dataset, "HDF5 rows that were declared but never written (no storage): readers get the fill value; they are not scanned");

    public static readonly FindingKind NoReadableDataset =
        new("no-readable-dataset", Severity.Error, FindingLevel.Dataset, "an HDF5 file whose root holds no dataset a Caffe HDF5Data top can read (only groups, links, strings, compounds, ...)");

    public static readonly FindingKind RepeatedEntry =
        new("repeated-entry", Severity.Warning, FindingLevel.Dataset, "a source list names the same file more than once: the trainer reads its rows that many times per epoch");

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

    public static readonly FindingKind UnsupportedImage =
        new("unsupported-image", Severity.Warning, FindingLevel.Sample, "a valid feature no available decoder handles (a TIFF codec the system's libtiff lacks, an ImageSharp limitation): not damage, so --drop-bad keeps it");

    public static readonly FindingKind DecodeTimeout =
        new("decode-timeout", Severity.Warning, FindingLevel.Sample, "decoding did not finish within --sample-timeout; the sample was not judged and the scan went on");

    public static readonly FindingKind MultipageImage =
        new("multipage-image", Severity.Warning, FindingLevel.Sample, "a multi-page TIFF or animated GIF/WebP/APNG: every page's structure is checked, only the first is decoded, the only one cv::imread and PIL's load() give a trainer; damage to later pages is said here, not an error");

    public static readonly FindingKind LabelOutOfRange =
        new("label-out-of-range", Severity.Error, FindingLevel.Sample, "a class label or mask value outside [0, K) that is not the ignore label (negative, or not a class of the dataset)");

    public static readonly FindingKind LabelNan =
        new("label-nan", Severity.Error, FindingLevel.Sample, "a NaN or infinite class label");

    public static readonly FindingKind LabelNotInteger =
        new("label-not-integer", Severity.Error, FindingLevel.Sample, "a float class label with a fractional part");

    public static readonly FindingKind EmptyMask =
        new("empty-mask", Severity.Warning, FindingLevel.Sample, "a segmentation mask without a foreground pixel (a DICE loss divides 0 by 0)");

    public static readonly FindingKind ConstantSample =
        new("constant-sample", Severity.Warning, FindingLevel.Sample, "every value of the sample is equal (per-sample normalisation divides by 0)");

    public static readonly FindingKind Fp16Overflow =
        new("fp16-overflow", Severity.Warning, FindingLevel.Sample, "a finite value beyond ±65504, which becomes Inf in float16");

    public static readonly FindingKind Duplicate =
        new("duplicate", Severity.Warning, FindingLevel.Sample, "the same content and label as an earlier sample");

    public static readonly FindingKind ClassAbsent =
        new("class-absent", Severity.Error, FindingLevel.Dataset, "a class in [0, K) without any sample (a warning when K was inferred)");

    public static readonly FindingKind ClassRare =
        new("class-rare", Severity.Warning, FindingLevel.Dataset, "a class absent from at least half of the shuffled batches");

    public static readonly FindingKind BatchClassMiss =
        new("batch-class-miss", Severity.Warning, FindingLevel.Dataset, "shuffled batches miss a class more often than --max-miss-probability (an error with --loss batch-normalized)");

    public static readonly FindingKind UnshuffledOrder =
        new("unshuffled-order", Severity.Error, FindingLevel.Dataset, "batches read in storage order miss classes far more often than shuffled ones");

    public static readonly FindingKind ConstantFeature =
        new("constant-feature", Severity.Error, FindingLevel.Dataset, "a channel with standard deviation 0 over the dataset (standardisation divides by 0)");

    public static readonly FindingKind MixedChannels =
        new("mixed-channels", Severity.Warning, FindingLevel.Dataset, "grayscale and colour images in one dataset");

    public static readonly FindingKind LabelDrift =
        new("label-drift", Severity.Warning, FindingLevel.Dataset, "the label histogram's class shares moved further from the --baseline report's than --drift-threshold (total variation distance)");

    // Caffe's solver and net definitions (datascrub lint, scan --net): a finding names the prototxt file and line.

    public static readonly FindingKind LrPolicy =
        new("lr-policy", Severity.Error, FindingLevel.Definition, "the solver's learning-rate policy, computed as Caffe's SGD solver does, gives a NaN, infinite or negative rate, lacks a parameter it needs, or grows where it should decay (a warning)");

    public static readonly FindingKind PoolStride =
        new("pool-stride", Severity.Warning, FindingLevel.Definition, "a Pooling layer whose stride exceeds its kernel: inputs between windows are skipped (reported to give NaN with AVE pooling)");

    public static readonly FindingKind InfogainMatrix =
        new("infogain-matrix", Severity.Error, FindingLevel.Definition, "an InfogainLoss whose H matrix holds NaN, Inf or negative entries, rows that do not sum to one constant, or cannot be read");

    public static readonly FindingKind BatchNormEps =
        new("batchnorm-eps", Severity.Warning, FindingLevel.Definition, "a BatchNorm eps below 1e-8 (an error at or below 0: a constant channel divides by 0), or use_global_stats set while training");

    public static readonly FindingKind LossWeight =
        new("loss-weight", Severity.Warning, FindingLevel.Definition, "one loss weighted more than 100 times another: its gradients swamp the other branch and can overflow");

    public static readonly FindingKind MissingDataSource =
        new("missing-data-source", Severity.Error, FindingLevel.Definition, "a data layer's source (or a solver's net, a mean file) does not exist where Caffe looks: the current directory for a relative path");

    public static readonly FindingKind UnknownField =
        new("unknown-field", Severity.Warning, FindingLevel.Definition, "a field BVLC Caffe does not define (a fork's layer parameter?): it was skipped, and what it configures was not checked");

    public static IReadOnlyList<FindingKind> All { get; } =
        [Nan, Inf, ShapeMismatch, UnreadableRecord, MissingFile, LabelOutOfRange, LabelNan, LabelNotInteger, EmptyFile, CorruptImage, TruncatedImage, ImageTooLarge, SmallerThanCrop,
         TrailingData, MissingEndMarker, FormatMismatch, UnsupportedImage, DecodeTimeout, MultipageImage, EmptyMask, ConstantSample, Fp16Overflow, Duplicate,
         CorruptStore, UnsupportedFilter, MissingDataset, UnsupportedType, UnwrittenRows, NoReadableDataset, RepeatedEntry, TornLogRecord, MixedChannels,
         ClassAbsent, ClassRare, BatchClassMiss, UnshuffledOrder, ConstantFeature, LabelDrift,
         LrPolicy, PoolStride, InfogainMatrix, BatchNormEps, LossWeight, MissingDataSource, UnknownField];

    public static FindingKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>Position in the registry, for stable ordering.</summary>
    public static int OrderOf(FindingKind kind)
    {
        for (var i = 0; i < All.Count; i++)
            if (ReferenceEquals(All[i], kind)) return i;
        return All.Count;
    }
}
