using DataScrub.Records;

namespace DataScrub.Samples;

/// <summary>
/// One record as a reader found it, with what the reader knows about it, before decoding: its position in storage
/// order, its key, its payload bytes and the decoder that lays them out; and, when the reader knows them outside the
/// payload, its label, the image container its name promises and its segmentation mask. Decoding happens on the
/// workers (<see cref="Decoder"/>), not on the reader thread, so that parsing uses all cores.
/// </summary>
/// <param name="Index">0-based position in the store's iteration order.</param>
/// <param name="Key">The store key (LMDB/LevelDB key bytes), or the sample's id (<c>FILE#ROW</c>, a relative path).</param>
/// <param name="Record">The payload: the stored value, an HDF5 row, an image file's bytes.</param>
/// <param name="Decoder">How <paramref name="Record"/> is laid out: immutable and shared by every sample of one layout
/// (the caffe Datum decoder, an HDF5 slab's row layout).</param>
/// <param name="Lease">Released by the pipeline once the sample was checked; then the bytes (<paramref name="Record"/>,
/// <see cref="Mask"/>) are invalid.</param>
public readonly record struct Sample(long Index, RecordBytes Key, RecordBytes Record, IRecordDecoder Decoder, IRecordLease? Lease = null)
{
    /// <summary>The class label when the reader knows it from outside the payload (an image's class folder or listfile
    /// line); a label inside the payload (a Datum's, an HDF5 row's) is the decoder's to read.</summary>
    public long? Label { get; init; }

    /// <summary>The image container the sample's name promises (an image file's extension), for <c>format-mismatch</c>;
    /// null when the payload has no name.</summary>
    public ImageContainer? ExpectedContainer { get; init; }

    /// <summary>The encoded image of the sample's segmentation mask (an image folder scanned with masks), as its own
    /// bytes; null when the sample has no mask image.</summary>
    public RecordBytes? Mask { get; init; }

    /// <summary>The structural unit of the dataset the sample belongs to (<see cref="DatasetInfo.Units"/>): the same number in
    /// every process that reads the dataset, whatever the shard; non-decreasing in storage order. Statistics fold per unit
    /// (the unit tree of the statistics), so a scan cut into shards at unit boundaries folds exactly as one scan does.</summary>
    public long Unit { get; init; }

    /// <summary>What the sample counts for in the report's <c>bytes</c> (and towards a batch's size): its payload and its
    /// mask, plus 4 bytes per mask, the length field masks travelled with inside the payload until they became the
    /// sample's own bytes, kept so that reports stay byte-identical to earlier ones.</summary>
    public long ReportedBytes => Record.Length + (Mask is { } mask ? mask.Length + sizeof(int) : 0);

    public string DisplayId => SampleKey.ToDisplay(Key.Span);
}
