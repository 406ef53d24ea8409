using DataScrub.Samples;

namespace DataScrub.Formats;

/// <summary>
/// Streams the records of one dataset in storage order. Reading is single-threaded (store cursors are
/// bound to their thread); decoding (by the decoder each sample carries) and checking happen on the pipeline's workers. Record bytes that a
/// reader hands out stay valid until the reader is disposed.
/// </summary>
public interface IDatasetReader : IDisposable
{
    /// <summary>Cheap facts about the dataset (format, expected sample count).</summary>
    DatasetInfo Info { get; }

    /// <summary>Damage found in the store's structure while reading (dataset-level findings, in the order
    /// found); complete once <see cref="ReadSamples"/> has been enumerated to the end.</summary>
    IReadOnlyList<Findings.Finding> StoreFindings { get; }

    /// <summary>Every record, in storage order. Call once.</summary>
    /// <exception cref="DatasetUnreadableException">The store is damaged as a whole.</exception>
    IEnumerable<Sample> ReadSamples(CancellationToken cancellationToken);
}
