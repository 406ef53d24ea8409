using DataScrub.Rebuild;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// Writes samples of another format (Datums) as Caffe HDF5Data rows: <c>data</c> float32 N x C x H x W (uint8
/// pixels keep their values 0..255, as the Data layer feeds them) and <c>label</c> float32 N, in <c>data.h5</c>
/// with a source list <c>list.txt</c> naming it. The first sample sets C x H x W; every sample must have it and
/// must not be an encoded image, otherwise the rebuild stops naming the sample.
/// </summary>
internal sealed class Hdf5RowsWriter(RebuildPlan plan) : IDatasetWriter
{
    public const string FileName = "data.h5";
    public const string ListName = "list.txt";
    private const long ChunkCacheBytes = 32 << 20;
    private const int BatchBytes = 1 << 20;

    private Rows? _rows;
    private long _written;

    /// <summary>The note <see cref="Complete"/> gives, from the first surviving sample (which sets the row shape),
    /// read from the source without writing.</summary>
    /// <exception cref="RebuildException">The first surviving sample cannot be an HDF5 row.</exception>
    public static IReadOnlyList<string> Preview(RebuildPlan plan)
    {
        using var reader = plan.SourceFormat.OpenReader(plan.Source, plan.Options);
        long position = 0;
        foreach (var sample in reader.ReadSamples(CancellationToken.None))
        {
            try
            {
                if (plan.Drops.Contains(sample.Index)) continue;
                var first = FirstRowShape(new WritableSample(sample, position++, plan.SourceFormat));
                return [Note(plan.Survivors, first)];
            }
            finally
            {
                sample.Lease?.Release();
            }
        }
        throw NoSurvivor(plan);
    }

    public void Write(in WritableSample sample)
    {
        if (_rows is null)
        {
            _rows = new Rows(plan, FirstRowShape(sample));
        }
        var fields = sample.Fields;
        var (c, h, w) = (_rows.Shape.Channels, _rows.Shape.Height, _rows.Shape.Width);
        if (fields.Encoded || fields.Channels != c || fields.Height != h || fields.Width != w)
            throw new RebuildException($"{sample.Id}: {(fields.Encoded ? "an encoded image" : $"{fields.Channels}x{fields.Height}x{fields.Width}")}, but HDF5 rows are all {c}x{h}x{w} (the first Datum's): cannot convert", isUsage: false);
        var row = _rows.NextRow();
        if (fields.FloatData.Length == row.Length)
            fields.FloatData.Span.CopyTo(row);
        else if (fields.Data.Length == row.Length)
        {
            var data = fields.Data.Span;
            for (var i = 0; i < row.Length; i++) row[i] = data[i];
        }
        else
            throw new RebuildException($"{sample.Id}: its payload does not hold {c}x{h}x{w} values: cannot convert", isUsage: false);
        _rows.Labelled(fields.Label is { } label ? label : float.NaN);
    }

    public RebuildOutput Complete()
    {
        if (_rows is null) throw NoSurvivor(plan);
        _written = _rows.Finish();
        if (_written != plan.Survivors)
            throw new RebuildException($"{plan.Source}: {_written} rows written, {plan.Survivors} expected", isUsage: false);
        Hdf5Rewriter.WriteSourceList(Path.Combine(plan.Destination, ListName), [FileName]);
        return new RebuildOutput(_written, ListName, [Note(plan.Survivors, _rows.Shape)]);
    }

    public void Dispose() => _rows?.Dispose();

    private static RebuildException NoSurvivor(RebuildPlan plan) =>
        new($"{plan.Source}: no sample survives, so there is no row shape for an HDF5 file", isUsage: false);

    private static string Note(long rows, DatumFields first) =>
        $"Datums written as HDF5Data rows: {FileName} 'data' float32 {rows}x{first.Channels}x{first.Height}x{first.Width}, 'label' float32; {ListName} names it";

    /// <summary>The first surviving sample, which sets every row's C x H x W: it must hold raw or float values.</summary>
    private static DatumFields FirstRowShape(in WritableSample sample)
    {
        var fields = sample.Fields;
        if (fields.Encoded || (long)fields.Channels * fields.Height * fields.Width <= 0)
            throw new RebuildException($"{sample.Id}: {(fields.Encoded ? "an encoded image" : $"a Datum of {fields.Channels}x{fields.Height}x{fields.Width}")}, not rows of values: cannot convert to HDF5", isUsage: false);
        return fields;
    }

    /// <summary>The open file, from the first row on: rows are gathered in batches of about 1 MiB and written as
    /// hyperslabs of chunked datasets, whose chunk cache is bounded, so memory does not grow with N.</summary>
    private sealed class Rows : IDisposable
    {
        private readonly H5Dataset<float[]> _data;
        private readonly H5Dataset<float[]> _label;
        private readonly H5NativeWriter _writer;
        private readonly float[] _values;
        private readonly float[] _labels;
        private readonly int _rowValues;
        private readonly int _batchRows;
        private long _written;
        private int _inBatch;
        private bool _closed;

        public Rows(RebuildPlan plan, DatumFields first)
        {
            Shape = first;
            var (c, h, w) = (first.Channels, first.Height, first.Width);
            _rowValues = checked(c * h * w);
            var rows = plan.Survivors;
            _batchRows = (int)Math.Clamp(BatchBytes / Math.Max(1, _rowValues * sizeof(float)), 1, Math.Max(1, rows));
            var creation = new H5DatasetCreation(ChunkCache: new BoundedWritingChunkCache(ChunkCacheBytes));
            _data = new H5Dataset<float[]>(fileDims: [(ulong)rows, (ulong)c, (ulong)h, (ulong)w], chunks: [(uint)_batchRows, (uint)c, (uint)h, (uint)w], datasetCreation: creation);
            _label = new H5Dataset<float[]>(fileDims: [(ulong)rows], chunks: [(uint)_batchRows], datasetCreation: new H5DatasetCreation(ChunkCache: new BoundedWritingChunkCache(ChunkCacheBytes)));
            var file = new H5File { ["data"] = _data, ["label"] = _label };
            _values = new float[_batchRows * _rowValues];
            _labels = new float[_batchRows];
            PureHdfMarshalledTypes.Measure();
            _writer = file.BeginWrite(Path.Combine(plan.Destination, FileName));
        }

        /// <summary>The first row's fields: the shape of every row.</summary>
        public DatumFields Shape { get; }

        public Span<float> NextRow() => _values.AsSpan(_inBatch * _rowValues, _rowValues);

        public void Labelled(float label)
        {
            _labels[_inBatch] = label;
            if (++_inBatch == _batchRows) Flush();
        }

        /// <returns>Rows written.</returns>
        public long Finish()
        {
            if (_inBatch > 0) Flush();
            Dispose();
            return _written;
        }

        public void Dispose()
        {
            if (_closed) return;
            _closed = true;
            _writer.Dispose();
        }

        private void Flush()
        {
            var (c, h, w) = (Shape.Channels, Shape.Height, Shape.Width);
            _writer.Write(_data, _inBatch == _batchRows ? _values : _values[..(_inBatch * _rowValues)],
                fileSelection: new HyperslabSelection(4, [(ulong)_written, 0, 0, 0], [(ulong)_inBatch, (ulong)c, (ulong)h, (ulong)w]));
            _writer.Write(_label, _inBatch == _batchRows ? _labels : _labels[..(_inBatch)], fileSelection: new HyperslabSelection(1, [(ulong)_written], [(ulong)_inBatch]));
            _written += _inBatch;
            _inBatch = 0;
        }
    }
}
