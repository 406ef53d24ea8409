using DataScrub.Formats.Caffe;
using DataScrub.Samples;
using DataScrub.Rebuild;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// <c>rebuild --to hdf5</c> from a Datum store: the surviving raw or float Datums as Caffe HDF5Data rows,
/// <c>data</c> float32 N x C x H x W (uint8 pixels keep their values 0..255, as the Data layer feeds them)
/// and <c>label</c> float32 N, in <c>data.h5</c> with a source list <c>list.txt</c> naming it. Every Datum
/// must have the first one's C x H x W and must not be encoded; otherwise the rebuild stops naming the key.
/// </summary>
internal static class DatumsToHdf5
{
    public const string FileName = "data.h5";
    public const string ListName = "list.txt";
    private const long ChunkCacheBytes = 32 << 20;
    private const int BatchBytes = 1 << 20;

    /// <summary>The note <see cref="Write"/> gives, from the first surviving Datum (which sets the row shape).</summary>
    /// <exception cref="RebuildException">The first surviving Datum cannot be an HDF5 row.</exception>
    public static IReadOnlyList<string> Preview(RebuildPlan plan)
    {
        using var reader = plan.SourceFormat.OpenReader(plan.Source, plan.Options);
        using var samples = reader.ReadSamples(CancellationToken.None).GetEnumerator();
        using var first = FirstSurvivor(plan, Survivors(samples, plan.DropsIndex()));
        return [Note(plan.Survivors, first.Datum!)];
    }

    public static RebuildOutput Write(RebuildPlan plan, CancellationToken cancellationToken)
    {
        using var reader = plan.SourceFormat.OpenReader(plan.Source, plan.Options);
        using var samples = reader.ReadSamples(cancellationToken).GetEnumerator();
        var survivors = Survivors(samples, plan.DropsIndex());
        using var first = FirstSurvivor(plan, survivors);
        var (c, h, w) = (first.Datum!.Channels, first.Datum.Height, first.Datum.Width);
        var rowValues = checked(c * h * w);
        var rows = plan.Survivors;
        var batchRows = (int)Math.Clamp(BatchBytes / Math.Max(1, rowValues * sizeof(float)), 1, Math.Max(1, rows));
        var creation = new H5DatasetCreation(ChunkCache: new BoundedWritingChunkCache(ChunkCacheBytes));
        var data = new H5Dataset<float[]>(fileDims: [(ulong)rows, (ulong)c, (ulong)h, (ulong)w], chunks: [(uint)batchRows, (uint)c, (uint)h, (uint)w], datasetCreation: creation);
        var label = new H5Dataset<float[]>(fileDims: [(ulong)rows], chunks: [(uint)batchRows], datasetCreation: new H5DatasetCreation(ChunkCache: new BoundedWritingChunkCache(ChunkCacheBytes)));
        var file = new H5File { ["data"] = data, ["label"] = label };

        var values = new float[batchRows * rowValues];
        var labels = new float[batchRows];
        long written = 0;
        var inBatch = 0;
        using (var writer = file.BeginWrite(Path.Combine(plan.Destination, FileName)))
        {
            void Flush()
            {
                writer.Write(data, inBatch == batchRows ? values : values[..(inBatch * rowValues)],
                    fileSelection: new HyperslabSelection(4, [(ulong)written, 0, 0, 0], [(ulong)inBatch, (ulong)c, (ulong)h, (ulong)w]));
                writer.Write(label, inBatch == batchRows ? labels : labels[..inBatch], fileSelection: new HyperslabSelection(1, [(ulong)written], [(ulong)inBatch]));
                written += inBatch;
                inBatch = 0;
            }
            Add(first);
            while (survivors.MoveNext())
                using (var next = survivors.Current)
                    Add(next);
            if (inBatch > 0) Flush();

            void Add(Survivor survivor)
            {
                var datum = survivor.Datum!;
                if (datum.Encoded || datum.Channels != c || datum.Height != h || datum.Width != w)
                    throw new RebuildException($"{survivor.Id}: {(datum.Encoded ? "an encoded image" : $"{datum.Channels}x{datum.Height}x{datum.Width}")}, but HDF5 rows are all {c}x{h}x{w} (the first Datum's): cannot convert", isUsage: false);
                var row = values.AsSpan(inBatch * rowValues, rowValues);
                if (datum.FloatData.Count == rowValues)
                    for (var i = 0; i < rowValues; i++) row[i] = datum.FloatData[i];
                else if (datum.Data.Length == rowValues)
                    for (var i = 0; i < rowValues; i++) row[i] = datum.Data[i];
                else
                    throw new RebuildException($"{survivor.Id}: its payload does not hold {c}x{h}x{w} values: cannot convert", isUsage: false);
                labels[inBatch] = datum.HasLabel ? datum.Label : float.NaN;
                if (++inBatch == batchRows) Flush();
            }
        }
        if (written != rows)
            throw new RebuildException($"{plan.Source}: {written} rows written, {rows} expected", isUsage: false);
        Hdf5Rewriter.WriteSourceList(Path.Combine(plan.Destination, ListName), [FileName]);
        return new RebuildOutput(written, ListName, [Note(rows, first.Datum)]);
    }

    private static string Note(long rows, DataScrub.Formats.Caffe.Proto.Datum first) =>
        $"Datums written as HDF5Data rows: {FileName} 'data' float32 {rows}x{first.Channels}x{first.Height}x{first.Width}, 'label' float32; {ListName} names it";

    /// <summary>The first surviving Datum, which sets every row's C x H x W: it must hold raw or float values.</summary>
    private static Survivor FirstSurvivor(RebuildPlan plan, IEnumerator<Survivor> survivors)
    {
        if (!survivors.MoveNext())
            throw new RebuildException($"{plan.Source}: no sample survives, so there is no row shape for an HDF5 file", isUsage: false);
        var first = survivors.Current;
        var datum = first.Datum!;
        if (datum.Encoded || (long)datum.Channels * datum.Height * datum.Width <= 0)
        {
            first.Dispose();
            throw new RebuildException($"{first.Id}: {(datum.Encoded ? "an encoded image" : $"a Datum of {datum.Channels}x{datum.Height}x{datum.Width}")}, not rows of values: cannot convert to HDF5", isUsage: false);
        }
        return first;
    }

    private readonly record struct Survivor(string Id, DataScrub.Formats.Caffe.Proto.Datum? Datum, IRecordLease? Lease) : IDisposable
    {
        public void Dispose() => Lease?.Release();
    }

    private static IEnumerator<Survivor> Survivors(IEnumerator<Sample> samples, Func<long, bool> dropped)
    {
        while (samples.MoveNext())
        {
            var sample = samples.Current;
            if (dropped(sample.Index))
            {
                sample.Lease?.Release();
                continue;
            }
            DataScrub.Formats.Caffe.Proto.Datum datum;
            try
            {
                datum = CaffeDatumCodec.Parse(sample.Record.Span);
            }
            catch (Google.Protobuf.InvalidProtocolBufferException e)
            {
                sample.Lease?.Release();
                throw new RebuildException($"{sample.DisplayId}: not a caffe Datum ({e.Message}): cannot convert; drop it with --drop-bad", isUsage: false);
            }
            yield return new Survivor(sample.DisplayId, datum, sample.Lease);
        }
    }
}
