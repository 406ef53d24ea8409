using DataScrub.Samples;

namespace DataScrub.Rebuild;

/// <summary>A surviving sample on its way to a writer: the source's record as read (valid during
/// <see cref="IDatasetWriter.Write"/> only), its position among the survivors, and the source format that can
/// decode it into <see cref="DatumFields"/>.</summary>
/// <param name="source">The record, key and storage-order index, as the source's reader gave them.</param>
/// <param name="position">0-based position among the survivors: the k-th sample written.</param>
public readonly struct WritableSample(Sample source, long position, Formats.IDatasetFormat sourceFormat)
{
    public Sample Source { get; } = source;

    public long Position { get; } = position;

    /// <summary>The name of the source's format (lmdb, leveldb, hdf5, images): whether the raw record is a writer's own.</summary>
    public string SourceFormat => _sourceFormat.Name;

    public ReadOnlySpan<byte> Key => Source.Key.Span;

    public ReadOnlySpan<byte> Record => Source.Record.Span;

    public string Id => Source.DisplayId;

    /// <summary>The sample decoded by its source's format, for a writer that converts.</summary>
    /// <exception cref="RebuildException">The record cannot be decoded into Datum fields.</exception>
    public DatumFields Fields => _sourceFormat.Rebuilder.ToDatumFields(Source);

    private readonly Formats.IDatasetFormat _sourceFormat = sourceFormat;
}
