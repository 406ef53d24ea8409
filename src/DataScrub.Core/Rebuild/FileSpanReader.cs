using DataScrub.Findings;
using DataScrub.Formats;
using DataScrub.Samples;

namespace DataScrub.Rebuild;

/// <summary>
/// Passes a source's samples through unchanged and notes, per file of the source, the storage-order index of
/// its first sample and how many it holds: what a rebuild needs to leave a whole file out (an HDF5 list's
/// file that Caffe refuses) without reading the source again. Files hold consecutive samples.
/// </summary>
/// <param name="fileOf">The file a sample id belongs to, or null.</param>
internal sealed class FileSpanReader(IDatasetReader inner, Func<string, string?> fileOf) : IDatasetReader
{
    private readonly Dictionary<string, (long First, long Count)> _spans = new(StringComparer.Ordinal);

    /// <summary>Complete once the samples were read to the end.</summary>
    public IReadOnlyDictionary<string, (long First, long Count)> Spans => _spans;

    public DatasetInfo Info => inner.Info;

    public IReadOnlyList<Finding> StoreFindings => inner.StoreFindings;

    public IEnumerable<Sample> ReadSamples(CancellationToken cancellationToken)
    {
        foreach (var sample in inner.ReadSamples(cancellationToken))
        {
            if (fileOf(sample.DisplayId) is { } file)
                _spans[file] = _spans.TryGetValue(file, out var span) ? (span.First, span.Count + 1) : (sample.Index, 1);
            yield return sample;
        }
    }

    /// <summary>The caller owns (and disposes) the reader it wrapped.</summary>
    public void Dispose()
    {
    }
}
