using DataScrub.Rebuild;

namespace DataScrub.Formats.Lmdb;

/// <summary>A cleaned LMDB: the records in key order, minus the dropped ones, appended by
/// <see cref="LmdbWriter"/> (same keys, same value bytes), in an environment directory as convert_imageset writes.</summary>
internal sealed class LmdbRebuilder : IDatasetRebuilder
{
    public RebuildOutput Write(string source, ReaderOptions options, string destination, IReadOnlyList<DroppedSample> dropped, CancellationToken cancellationToken)
    {
        var drop = DroppedSample.Indexes(dropped);
        using var reader = LmdbReader.Open(source);
        using var writer = LmdbWriter.Create(destination);
        foreach (var sample in reader.ReadSamples(cancellationToken))
            if (!drop.Contains(sample.Index)) writer.Put(sample.Key.Span, sample.Record.Span);
        writer.Complete();
        return new RebuildOutput(writer.Count, "", []);
    }
}
