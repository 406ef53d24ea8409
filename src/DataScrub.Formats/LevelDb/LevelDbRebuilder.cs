using DataScrub.Rebuild;

namespace DataScrub.Formats.LevelDb;

/// <summary>A cleaned LevelDB: the live records in key order, minus the dropped ones, written by
/// <see cref="LevelDbWriter"/> (sorted tables, MANIFEST, CURRENT), so the keys and value bytes are the source's.</summary>
internal sealed class LevelDbRebuilder : IDatasetRebuilder
{
    public RebuildOutput Write(string source, ReaderOptions options, string destination, IReadOnlyList<DroppedSample> dropped, CancellationToken cancellationToken)
    {
        var drop = DroppedSample.Indexes(dropped);
        using var reader = LevelDbReader.Open(source);
        using var writer = LevelDbWriter.Create(destination);
        foreach (var sample in reader.ReadSamples(cancellationToken))
        {
            try
            {
                if (!drop.Contains(sample.Index)) writer.Put(sample.Key.Span, sample.Record.Span);
            }
            finally
            {
                sample.Lease?.Release();
            }
        }
        writer.Complete();
        return new RebuildOutput(writer.Count, "", []);
    }
}
