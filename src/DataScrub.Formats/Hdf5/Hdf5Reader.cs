using System.Buffers;
using System.Text;
using DataScrub.Findings;
using DataScrub.Formats.Buffers;
using DataScrub.Samples;
using DataScrub.Sharding;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// Streams Caffe HDF5Data inputs row by row: each sample (<c>FILE#ROW</c>, <c>FILE@n#ROW</c> for the n-th
/// listing of a file) holds that row of every chosen dataset (Caffe tops), converted to little-endian.
/// Files are read in row slabs of bounded size (aligned to chunks), never whole, by DataScrub itself:
/// contiguous data straight from the file, chunks through the file's chunk index (never-written rows are
/// reported, not read); PureHDF reads what DataScrub does not walk. Per-file problems (missing file,
/// datasets whose N differ, rows per value that change between files, unsupported types or filters,
/// unwritten rows, damage) are findings; the rest is still scanned.
/// </summary>
public sealed class Hdf5Reader : IDatasetReader
{
    /// <summary>Target bytes per slab (all chosen datasets together): small enough to stay in cache between
    /// the read and the check (4 MiB slabs scanned a 2 GB file at 2.7 GB/s, 1 MiB at ~7 GB/s).</summary>
    internal const int SlabBytes = 1 << 20;

    /// <summary>The largest slab, when whole chunks ask for more than <see cref="SlabBytes"/> (tall chunks).</summary>
    internal const int MaxSlabBytes = 64 << 20;

    /// <summary>Rows at least this long are read into their slots of the interleaved slab by one vectored
    /// read; shorter rows are read in one piece and copied (a buffer per row costs more than the copy).</summary>
    internal const int VectoredRowBytes = 4096;

    private readonly string _path;
    private readonly IReadOnlyList<Hdf5Inputs.Entry> _inputs;
    /// <summary>The tops read from every file (given, or the first readable file's).</summary>
    private readonly Hdf5Tops _tops;
    private readonly List<Finding> _findings = [];
    private readonly Hdf5TopShapes _topShapes = new();
    /// <summary>Each listing's rows, concatenated and cut into units; the same in every shard.</summary>
    private readonly Hdf5RowUnits _units;
    /// <summary>Each listing's row shapes (empty when it cannot be read), replayed for the files of earlier shards.</summary>
    private readonly IReadOnlyList<IReadOnlyList<Hdf5TopShapes.RowShape>> _shapes;
    private readonly ShardSpec _shard;
    private long _nextIndex;
    private bool _read;

    private Hdf5Reader(string path, IReadOnlyList<Hdf5Inputs.Entry> inputs, Hdf5Tops tops, long? expected, Hdf5RowUnits units,
        IReadOnlyList<IReadOnlyList<Hdf5TopShapes.RowShape>> shapes, ShardSpec? shard)
    {
        _path = path;
        _inputs = inputs;
        _tops = tops;
        _units = units;
        _shapes = shapes;
        _shard = shard ?? new ShardSpec(0, 1);
        // Sample ids are FILE#ROW (FILE@n#ROW for a file listed again); rows are numbers, never encoded images.
        Info = new DatasetInfo(path, Hdf5Format.FormatName, expected)
        {
            SampleFiles = SampleFileNaming.FileHashRow,
            MayHoldImages = false,
            Units = units.Units,
            Shard = shard,
        };
    }

    public DatasetInfo Info { get; }

    public IReadOnlyList<Finding> StoreFindings => _findings;

    /// <exception cref="DatasetUnreadableException">The path does not exist, or a single given file is not HDF5.</exception>
    public static Hdf5Reader Open(string path, ReaderOptions options)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new DatasetUnreadableException(path, "no such file or directory");
        if (File.Exists(path) && !Hdf5Inputs.IsSourceList(path) && !Hdf5Inputs.IsHdf5File(path))
            throw new DatasetUnreadableException(path, "not an HDF5 file (no HDF5 signature) and not a list of .h5 files");
        var inputs = Hdf5Inputs.Resolve(path, options.WorkingDirectory);
        if (inputs.Count == 0)
            throw new DatasetUnreadableException(path, "the directory holds no .h5/.hdf5 files");
        // What the files say they hold (metadata only: the N of the datasets chosen, per listing), so that
        // the report proves its completeness; rows never written count here and are findings.
        long expected = 0;
        var tops = Hdf5Tops.From(options);
        var counts = new (long Rows, IReadOnlyList<Hdf5TopShapes.RowShape> Shapes, Hdf5Tops ChosenWith)[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            counts[i] = (0, [], tops);
            if (inputs[i].Path is null) continue;
            try
            {
                var chosen = Count(inputs[i], tops);
                expected += chosen.Rows;
                counts[i] = (chosen.Rows, chosen.Shapes, tops);
                tops = chosen.Tops;
            }
            catch (Exception e) when (IsPureHdfFailure(e))
            {
                if (inputs.Count == 1 && File.Exists(path) && !Hdf5Inputs.IsSourceList(path))
                    throw new DatasetUnreadableException(path, $"its HDF5 structure cannot be read: {e.Message}", e);
            }
        }
        // Units count the rows reading yields, which it chooses with the final tops; files counted before the tops were
        // known (none when they are given) are counted again with them.
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Path is null || ReferenceEquals(counts[i].ChosenWith, tops)) continue;
            try
            {
                var chosen = Count(inputs[i], tops);
                counts[i] = (chosen.Rows, chosen.Shapes, tops);
            }
            catch (Exception e) when (IsPureHdfFailure(e))
            {
                counts[i] = (0, [], tops);
            }
        }
        var units = new Hdf5RowUnits([.. counts.Select(c => c.Rows)]);
        return new Hdf5Reader(path, inputs, tops, expected, units, [.. counts.Select(c => c.Shapes)], options.Shard);
    }

    /// <summary>The rows a listing declares for <paramref name="tops"/> and its fields' row shapes (metadata only).</summary>
    private static (long Rows, IReadOnlyList<Hdf5TopShapes.RowShape> Shapes, Hdf5Tops Tops) Count(Hdf5Inputs.Entry input, Hdf5Tops tops)
    {
        using var source = Hdf5SourceFile.Open(input.Path!);
        var chosen = Hdf5FileFields.Choose(source, input.Name, tops);
        return (chosen.DeclaredRows, Hdf5TopShapes.Of(chosen.Fields), chosen.Tops);
    }

    public IEnumerable<Sample> ReadSamples(CancellationToken cancellationToken)
    {
        if (_read) throw new InvalidOperationException("ReadSamples can be called once per reader");
        _read = true;
        var (firstUnit, endUnit) = _shard.UnitsOf(_units.Units);
        var (firstRow, endRow) = _units.RowsOf(_shard);
        for (var listing = 0; listing < _inputs.Count; listing++)
        {
            var input = _inputs[listing];
            // What is said about a listing as a whole comes from the shard owning the unit of its first row, so the shards'
            // findings, concatenated in shard order, are the whole scan's; owners never decrease along the list.
            var owner = _units.OwnerOf(listing);
            if (owner >= endUnit) break;
            var owns = owner >= firstUnit;
            // The listing's rows this shard reads, counted from the listing's row 0.
            var first = _units.FirstRowOf(listing);
            var (from, to) = (Math.Max(firstRow - first, 0), Math.Min(endRow - first, _units.RowsOf(listing)));
            if (!owns && from >= to)
            {
                // A file of an earlier shard: only the first file's row shapes, which later files are held to, matter here.
                _topShapes.Remember(input.Name, _shapes[listing]);
                continue;
            }
            if (input.Path is null)
            {
                // No rows: only its owner gets here (the others skipped it above).
                _findings.Add(new Finding(FindingKinds.MissingFile, null, input.Id, null, null, null,
                    $"{input.Id} is listed in {Path.GetFileName(_path)} but does not exist (looked beside the list and in the working directory)") { File = input.Id });
                continue;
            }
            if (input.RepeatOf is not null && owns)
                StoreFinding(FindingKinds.RepeatedEntry, input.Name, null,
                    $"{Path.GetFileName(_path)} lists {input.Id} again after {input.RepeatOf}: Caffe reads its rows once more per epoch (here named {input.Name}#ROW)");
            foreach (var sample in ReadFile(input, first, owns, from, to, cancellationToken))
                yield return sample;
        }
    }

    /// <summary>Rows [<paramref name="from"/>, <paramref name="to"/>) of one listing, and, when <paramref name="owns"/>,
    /// what is found about the file as a whole.</summary>
    /// <param name="position">The listing's row 0 among all rows (for the samples' units).</param>
    private IEnumerable<Sample> ReadFile(Hdf5Inputs.Entry input, long position, bool owns, long from, long to, CancellationToken cancellationToken)
    {
        Hdf5SourceFile source;
        Hdf5FileFields chosen;
        try
        {
            source = Hdf5SourceFile.Open(input.Path!);
        }
        catch (Exception e) when (IsPureHdfFailure(e))
        {
            if (owns) StoreFinding(FindingKinds.CorruptStore, input.Name, null, $"{input.Id} cannot be opened as HDF5: {e.Message}; its rows are not scanned");
            yield break;
        }
        using (source)
        {
            try
            {
                chosen = Hdf5FileFields.Choose(source, input.Name, _tops);
            }
            catch (Exception e) when (IsPureHdfFailure(e))
            {
                if (owns) StoreFinding(FindingKinds.CorruptStore, input.Name, null, $"{input.Id}: its metadata cannot be read ({e.Message}); its rows are not scanned");
                yield break;
            }
            if (owns) _findings.AddRange(chosen.Findings);
            foreach (var (field, message) in _topShapes.Check(input.Name, Hdf5TopShapes.Of(chosen.Fields)))
                if (owns) StoreFinding(FindingKinds.ShapeMismatch, input.Name, field, message);

            var failed = new HashSet<Hdf5Field>();
            var decoders = new Dictionary<string, Hdf5RowDecoder>(StringComparer.Ordinal);
            // Rows [a, b) between consecutive boundaries hold the same fields: those whose readable rows cover them.
            var boundaries = chosen.Fields.SelectMany(f => f.Storage.Readable.Ranges).SelectMany(r => new[] { r.Start, r.End }).Distinct().Order().ToList();
            for (var b = 0; b + 1 < boundaries.Count; b++)
            {
                var (start, end) = (boundaries[b], boundaries[b + 1]);
                if (start >= to) break;
                if (end <= from) continue;
                // Slabs are laid out from the segment's start, as one process lays them out, so that the slab straddling a
                // shard boundary is the same slab (read by both shards, each taking its rows) and a failure is the same finding.
                while (start < end && start < to)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var segmentStart = start;
                    var present = chosen.Fields.Where(f => !failed.Contains(f) && f.Storage.Readable.Covers(segmentStart, end)).ToList();
                    if (present.Count == 0) break;
                    var key = string.Join("\n", present.Select(f => f.Name));
                    if (!decoders.TryGetValue(key, out var decoder)) decoders[key] = decoder = new Hdf5RowDecoder(input.Name, present);
                    var slabRows = SlabRows(present, decoder.RowBytes, start, end);
                    if (start + slabRows <= from)
                    {
                        // An earlier shard's slab: not read.
                        start += slabRows;
                        continue;
                    }
                    // A slab's failure is reported by the shard holding its first row.
                    var slab = ReadSlab(input.Name, decoder, start, slabRows, report: start >= from, out var failure);
                    if (slab is null)
                    {
                        // A field failed and is dropped for the rest of the file: lay the rows out again without it.
                        failed.Add(failure!);
                        continue;
                    }
                    try
                    {
                        var (first, last) = (Math.Max(start, from) - start, Math.Min(start + slabRows, to) - start);
                        for (var r = first; r < last; r++)
                        {
                            slab.AddReference();
                            var sampleKey = Encoding.UTF8.GetBytes(input.SampleId(start + r));
                            var offset = (int)r * decoder.RowBytes;
                            yield return new Sample(_nextIndex++, new RecordBytes(sampleKey),
                                new RecordBytes(slab.Bytes, offset, decoder.RowBytes), decoder, slab) { Unit = _units.UnitOf(position + start + r) };
                        }
                    }
                    finally
                    {
                        slab.Release();
                    }
                    start += slabRows;
                }
            }
        }
    }

    /// <summary>Rows of the next slab from <paramref name="start"/>: about <see cref="SlabBytes"/>, whole
    /// chunks of the first chunked field (a chunk split across slabs would be decoded twice), not past
    /// <paramref name="end"/>.</summary>
    private static int SlabRows(List<Hdf5Field> fields, int rowBytes, long start, long end)
    {
        long rows = Math.Max(1, SlabBytes / Math.Max(rowBytes, 1));
        var chunkRows = fields.Select(f => f.ChunkRows).FirstOrDefault(c => c > 0);
        if (chunkRows > 0)
        {
            var aligned = (start + Math.Max(rows, chunkRows)) / chunkRows * chunkRows;
            rows = aligned > start ? aligned - start : Math.Max(rows, chunkRows);
        }
        // Tall chunks of wide rows would make a whole-chunk slab as large as the dataset: past MaxSlabBytes the
        // slab ends mid-chunk (the chunk's rows then come from the chunk cache, or are decoded again).
        rows = Math.Min(rows, Math.Max(1, MaxSlabBytes / Math.Max(rowBytes, 1)));
        return (int)Math.Min(rows, end - start);
    }

    /// <summary>Reads rows [start, start+count) of every field of <paramref name="decoder"/> into one
    /// interleaved row buffer; null when a field failed (its finding recorded, <paramref name="failure"/> set).</summary>
    /// <param name="report">False when the slab's first row is an earlier shard's, which reports its failure.</param>
    private PooledBuffer? ReadSlab(string file, Hdf5RowDecoder decoder, long start, int count, bool report, out Hdf5Field? failure)
    {
        failure = null;
        var slab = PooledBuffer.Rent(checked(count * decoder.RowBytes));
        foreach (var (field, offset) in decoder.Slots)
        {
            try
            {
                ReadField(field, offset, decoder, slab.Bytes, start, count);
            }
            catch (Exception e) when (IsPureHdfFailure(e))
            {
                var filter = e is Hdf5UnsupportedFilterException || e.Message.Contains("filter", StringComparison.OrdinalIgnoreCase);
                if (report)
                    StoreFinding(filter ? FindingKinds.UnsupportedFilter : FindingKinds.CorruptStore, file, field.Name,
                        $"dataset '{field.Name}' rows {start}..{start + count - 1} cannot be read ({e.Message}); the dataset is not scanned from there on");
                failure = field;
                slab.Release();
                return null;
            }
        }
        return slab;
    }

    /// <summary>One field's rows into their slots: file bytes already in the target type go straight to
    /// the slab (one read when the field is the whole row, one vectored read into the row slots when rows
    /// are long); otherwise rows are read in one piece and converted or copied into their slots.</summary>
    private static void ReadField(Hdf5Field field, int offset, Hdf5RowDecoder decoder, byte[] slab, long start, int count)
    {
        if (field.Type.NeedsNoConversion && decoder.Slots.Count == 1)
        {
            field.ReadRows(start, count, slab.AsSpan(0, count * decoder.RowBytes));
            return;
        }
        if (field.Type.NeedsNoConversion && field.Storage is Hdf5ContiguousRows contiguous && field.TargetRowBytes >= VectoredRowBytes)
        {
            var slots = new Memory<byte>[count];
            for (var r = 0; r < count; r++) slots[r] = slab.AsMemory(r * decoder.RowBytes + offset, field.TargetRowBytes);
            contiguous.Read(start, count, slots);
            return;
        }
        var source = LargeArrayPool.Rent(checked(count * field.SourceRowBytes));
        try
        {
            var raw = source.AsSpan(0, count * field.SourceRowBytes);
            field.ReadRows(start, count, raw);
            for (var r = 0; r < count; r++)
                field.Type.Convert(raw.Slice(r * field.SourceRowBytes, field.SourceRowBytes), slab.AsSpan(r * decoder.RowBytes + offset, field.TargetRowBytes));
        }
        finally
        {
            LargeArrayPool.Return(source);
        }
    }

    /// <summary>A file-level finding; <paramref name="dataset"/> names the dataset it is about, as the finding's field.</summary>
    private void StoreFinding(FindingKind kind, string file, string? dataset, string message) =>
        _findings.Add(Finding.AboutStore(kind, file, null, message) with { Field = dataset });

    /// <summary>PureHDF reports malformed files and unsupported features with plain exceptions.</summary>
    /// <summary>An exception PureHDF raised on this file's content. An <see cref="OutOfMemoryException"/> counts: PureHDF
    /// allocates what a size field says before it reads (a local heap whose size reads 2^31-1 is <c>new byte[2^31-1]</c>,
    /// "Array dimensions exceeded supported range"; issue 18), so inside these calls it is the file's damage, while the
    /// scan's own buffers are bounded by the batch sizes.</summary>
    private static bool IsPureHdfFailure(Exception e) =>
        e is not (StackOverflowException or OperationCanceledException);

    public void Dispose() { }
}
