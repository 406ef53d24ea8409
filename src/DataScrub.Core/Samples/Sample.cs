namespace DataScrub.Samples;

/// <summary>
/// One record as a reader found it, before decoding: its position in storage order, its key and its
/// raw bytes. Decoding happens on the workers (<see cref="Records.IRecordDecoder"/>), not on the
/// reader thread, so that parsing uses all cores.
/// </summary>
/// <param name="Index">0-based position in the store's iteration order.</param>
/// <param name="Key">The store key (LMDB/LevelDB key bytes).</param>
/// <param name="Record">The stored value.</param>
/// <param name="Lease">Released by the pipeline once the sample was checked; then <paramref name="Record"/> is invalid.</param>
/// <param name="Decoder">How to decode this record when it differs from the reader's decoder (an HDF5 row is
/// laid out by its file's datasets).</param>
public readonly record struct Sample(long Index, RecordBytes Key, RecordBytes Record, IRecordLease? Lease = null, Records.IRecordDecoder? Decoder = null)
{
    public string DisplayId => SampleKey.ToDisplay(Key.Span);
}
