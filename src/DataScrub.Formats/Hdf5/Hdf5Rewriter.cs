using System.Runtime.InteropServices;
using PureHDF;
using PureHDF.Filters;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace DataScrub.Formats.Hdf5;

/// <summary>What <c>Hdf5Rewriter.Copy</c> did, and what it could not keep as it was.</summary>
public sealed record Hdf5RewriteResult(long RowsKept, long RowsDropped, IReadOnlyList<string> Notes);

/// <summary>
/// Writes a cleaned copy of one Caffe HDF5Data file for <c>rebuild</c>: the same root datasets (names,
/// element types, trailing shapes, chunk shapes with the row dimension capped at the new N, deflate
/// and shuffle) and root attributes, keeping only the rows asked for. Streams slab by slab through
/// PureHDF into a temporary sibling, renamed into place at the end. What PureHDF cannot write as it
/// was (big-endian elements, deflate levels other than 0/1/9, attribute types) is converted and
/// listed in <see cref="Hdf5RewriteResult.Notes"/>; <see cref="Preview"/> gives the same notes without
/// writing. A dataset DataScrub cannot read (a filter it cannot decode), or whose rows were never written,
/// cannot be copied.
/// </summary>
public static class Hdf5Rewriter
{
    private const int SlabBytes = 4 << 20;

    /// <summary>Uncompressed chunks held per dataset while writing (PureHDF's default holds them all).</summary>
    private const long ChunkCacheBytes = 32 << 20;

    /// <exception cref="IOException"><paramref name="destination"/> exists, or writing failed (the temporary file is removed).</exception>
    /// <exception cref="NotSupportedException">A dataset cannot be copied: a filter DataScrub cannot decode, rows never written.</exception>
    /// <param name="reorder">Puts the kept rows (ascending) in the order to write them (a shuffle); null keeps the order.</param>
    public static Hdf5RewriteResult Copy(string source, string destination, Func<long, bool> keepRow, CancellationToken cancellationToken = default,
        Func<List<long>, List<long>>? reorder = null) =>
        Copy(source, destination, keepRow, ChunkCacheBytes, cancellationToken, reorder);

    internal static Hdf5RewriteResult Copy(string source, string destination, Func<long, bool> keepRow, long chunkCacheBytes, CancellationToken cancellationToken,
        Func<List<long>, List<long>>? reorder = null)
    {
        if (File.Exists(destination)) throw new IOException($"{destination} already exists");
        var notes = new List<string>();
        using var sourceFile = Hdf5SourceFile.Open(source);
        var fields = CopiedFields(sourceFile, notes);
        var rows = fields[0].Rows;
        var kept = new List<long>();
        for (long r = 0; r < rows; r++)
            if (keepRow(r)) kept.Add(r);
        if (reorder is not null) kept = reorder(kept);

        var outputs = fields.Select(f => Describe(f, kept.Count, chunkCacheBytes, notes)).ToList();
        var h5 = new H5File();
        foreach (var (field, output) in fields.Zip(outputs)) h5[field.Name] = output.Dataset;
        CopyAttributes(sourceFile.File, h5, notes);

        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(destination))!, $".{Path.GetFileName(destination)}.tmp-{Environment.ProcessId}");
        try
        {
            PureHdfMarshalledTypes.Measure();
            using (var writer = h5.BeginWrite(temporary))
                foreach (var (field, output) in fields.Zip(outputs))
                    WriteRows(field, output, kept, writer, cancellationToken);
            File.Move(temporary, destination);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        return new Hdf5RewriteResult(kept.Count, rows - kept.Count, notes);
    }

    /// <summary>The notes a copy of <paramref name="source"/> would give, without writing anything.</summary>
    /// <exception cref="NotSupportedException">A dataset cannot be copied: a filter DataScrub cannot decode, rows never written.</exception>
    public static IReadOnlyList<string> Preview(string source)
    {
        var notes = new List<string>();
        using var sourceFile = Hdf5SourceFile.Open(source);
        foreach (var field in CopiedFields(sourceFile, notes)) Describe(field, field.Rows, ChunkCacheBytes, notes);
        CopyAttributes(sourceFile.File, new H5File(), notes);
        return notes;
    }

    /// <summary>The root datasets a copy keeps: numeric row datasets of the file's N (the others noted).</summary>
    /// <exception cref="NotSupportedException">A row dataset cannot be read, or has rows never written: a copy
    /// without them would not be the file Caffe reads.</exception>
    private static List<Hdf5Field> CopiedFields(Hdf5SourceFile sourceFile, List<string> notes)
    {
        var fields = new List<Hdf5Field>();
        foreach (var dataset in Hdf5RootChildren.List(sourceFile).Children.OfType<IH5Dataset>())
        {
            var type = Hdf5ElementType.Of(dataset, out var unsupported);
            var dims = dataset.Space.Dimensions;
            if (type is null || dims.Length == 0)
            {
                notes.Add($"dataset '{dataset.Name}' not copied: {(type is null ? unsupported : "a scalar")} (DataScrub copies numeric row datasets)");
                continue;
            }
            var field = Hdf5Field.Open(sourceFile, dataset.Name, dataset, type, isLabel: false, out var problem)
                ?? throw new NotSupportedException($"dataset '{dataset.Name}': {problem!.Value.Why}");
            fields.Add(field);
        }
        if (fields.Count == 0) throw new IOException($"{sourceFile.Path} has no numeric row datasets to copy");
        // Rows never written are no samples (the scan reports them as unwritten-rows and reads none of
        // them); copying them would write their fill values as data, and a dataset declared with 2^31
        // rows would be written out whole.
        if (fields.FirstOrDefault(f => f.Storage.Undecodable is not null) is { } undecodable)
            throw new NotSupportedException($"dataset '{undecodable.Name}' is compressed with {undecodable.Storage.Undecodable!.Value.Filter.Describe()}, which DataScrub cannot decode (deflate, shuffle and fletcher32 it can)");
        if (fields.FirstOrDefault(f => !f.Storage.Unwritten.IsEmpty) is { } unwritten)
            throw new NotSupportedException($"dataset '{unwritten.Name}' has rows that were never written ({unwritten.Storage.Unwritten}); rebuild copies written rows only");
        var rows = fields.Max(f => f.Rows);
        foreach (var short_ in fields.Where(f => f.Rows != rows).ToList())
        {
            notes.Add($"dataset '{short_.Name}' not copied: it has {short_.Rows} rows, the file {rows} (Caffe refuses such a file)");
            fields.Remove(short_);
        }
        return fields;
    }

    /// <summary>Writes a Caffe source list naming <paramref name="files"/>, one per line.</summary>
    public static void WriteSourceList(string path, IEnumerable<string> files) =>
        File.WriteAllLines(path, files);

    private sealed record Output(H5Dataset Dataset, Action<H5NativeWriter, byte[], ulong, ulong> Write);

    private static Output Describe(Hdf5Field field, long rows, long chunkCacheBytes, List<string> notes)
    {
        var dims = (ulong[])field.Dims.Clone();
        dims[0] = (ulong)rows;
        uint[]? chunks = null;
        var filters = new List<H5Filter>();
        if (field.Dataset.Layout.Class == H5DataLayoutClass.Chunked)
        {
            chunks = field.Dataset.Layout.Chunks.Select(c => (uint)c).ToArray();
            chunks[0] = (uint)Math.Clamp(rows, 1, chunks[0]);
            foreach (var (id, name, parameters, _) in PureHdfInternals.Filters(field.Dataset) ?? [])
            {
                switch (id)
                {
                    case 1: // deflate
                        var level = parameters.Length > 0 ? (int)parameters[0] : 6;
                        var supported = level == 0 ? 0 : level <= 5 ? 1 : 9;
                        if (supported != level) notes.Add($"dataset '{field.Name}': deflate level {level} written as {supported} (PureHDF writes levels 0, 1 and 9)");
                        filters.Add(new H5Filter(DeflateFilter.Id, new() { [DeflateFilter.COMPRESSION_LEVEL] = supported }));
                        break;
                    case 2:
                        filters.Add(new H5Filter(ShuffleFilter.Id));
                        break;
                    default:
                        notes.Add($"dataset '{field.Name}': filter {name} ({id}) not applied to the copy");
                        break;
                }
            }
        }
        if (field.Type.BigEndian) notes.Add($"dataset '{field.Name}': {field.Type.Describe()} written little-endian (same values; PureHDF writes native byte order)");
        var creation = new H5DatasetCreation(ChunkCache: new BoundedWritingChunkCache(chunkCacheBytes), Filters: filters);
        var type = field.Type;
        return (type.Class, type.Size, type.Signed) switch
        {
            (H5DataTypeClass.FloatingPoint, 2, _) => Make<Half>(dims, chunks, creation),
            (H5DataTypeClass.FloatingPoint, 4, _) => Make<float>(dims, chunks, creation),
            (H5DataTypeClass.FloatingPoint, _, _) => Make<double>(dims, chunks, creation),
            (_, 1, true) => Make<sbyte>(dims, chunks, creation),
            (_, 1, false) => Make<byte>(dims, chunks, creation),
            (_, 2, true) => Make<short>(dims, chunks, creation),
            (_, 2, false) => Make<ushort>(dims, chunks, creation),
            (_, 4, true) => Make<int>(dims, chunks, creation),
            (_, 4, false) => Make<uint>(dims, chunks, creation),
            (_, _, true) => Make<long>(dims, chunks, creation),
            _ => Make<ulong>(dims, chunks, creation),
        };
    }

    private static Output Make<T>(ulong[] dims, uint[]? chunks, H5DatasetCreation creation) where T : unmanaged
    {
        var dataset = new H5Dataset<T[]>(fileDims: dims, chunks: chunks, datasetCreation: creation);
        return new Output(dataset, (writer, bytes, start, count) =>
        {
            var values = MemoryMarshal.Cast<byte, T>(bytes).ToArray();
            var starts = new ulong[dims.Length];
            var blocks = (ulong[])dims.Clone();
            starts[0] = start;
            blocks[0] = count;
            writer.Write(dataset, values, fileSelection: new HyperslabSelection(dims.Length, starts, blocks));
        });
    }

    private static void WriteRows(Hdf5Field field, Output output, List<long> kept,
        H5NativeWriter writer, CancellationToken cancellationToken)
    {
        var rowBytes = field.SourceRowBytes;
        var rowsPerSlab = Math.Max(1, SlabBytes / Math.Max(rowBytes, 1));
        // Output is written in whole chunks (row-wise), so each chunk is complete when it leaves the cache.
        var chunkRows = field.Dataset.Layout.Class == H5DataLayoutClass.Chunked
            ? Math.Max(1, (int)Math.Min(field.Dataset.Layout.Chunks[0], (ulong)Math.Max(kept.Count, 1)))
            : 1;
        var batchRows = Math.Max(chunkRows, rowsPerSlab / chunkRows * chunkRows);
        var raw = new byte[rowsPerSlab * rowBytes];
        var batch = new byte[batchRows * rowBytes];
        var inBatch = 0;
        ulong written = 0;
        var i = 0;
        while (i < kept.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // One read of the source rows that cover the next kept rows while they ascend (all of them in
            // storage order; runs of one row each after a shuffle); dropped rows in between are skipped.
            var first = kept[i];
            var j = i + 1;
            while (j < kept.Count && kept[j] > kept[j - 1] && kept[j] - first < rowsPerSlab) j++;
            var span = (int)(kept[j - 1] - first + 1);
            field.ReadRows(first, span, raw.AsSpan(0, span * rowBytes));
            for (var k = i; k < j; k++)
            {
                field.Type.ToLittleEndian(raw.AsSpan((int)(kept[k] - first) * rowBytes, rowBytes), batch.AsSpan(inBatch * rowBytes, rowBytes));
                if (++inBatch == batchRows)
                {
                    output.Write(writer, batch, written, (ulong)inBatch);
                    written += (ulong)inBatch;
                    inBatch = 0;
                }
            }
            i = j;
        }
        if (inBatch > 0) output.Write(writer, batch.AsSpan(0, inBatch * rowBytes).ToArray(), written, (ulong)inBatch);
    }

    private static void CopyAttributes(IH5Object source, H5File target, List<string> notes)
    {
        foreach (var attribute in source.Attributes())
        {
            try
            {
                object? value = (attribute.Type.Class, attribute.Type.Size, attribute.Space.Rank) switch
                {
                    (H5DataTypeClass.String or H5DataTypeClass.VariableLength, _, 0) => attribute.Read<string>(),
                    (H5DataTypeClass.FixedPoint, 8, 0) => attribute.Read<long>(),
                    (H5DataTypeClass.FixedPoint, 4, 0) => attribute.Read<int>(),
                    (H5DataTypeClass.FloatingPoint, 8, 0) => attribute.Read<double>(),
                    (H5DataTypeClass.FloatingPoint, 4, 0) => attribute.Read<float>(),
                    (H5DataTypeClass.FixedPoint, 8, 1) => attribute.Read<long[]>(),
                    (H5DataTypeClass.FloatingPoint, 8, 1) => attribute.Read<double[]>(),
                    (H5DataTypeClass.FloatingPoint, 4, 1) => attribute.Read<float[]>(),
                    _ => null,
                };
                if (value is null) notes.Add($"attribute '{attribute.Name}' ({attribute.Type.Class}, rank {attribute.Space.Rank}) not copied");
                else target.Attributes[attribute.Name] = value;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                notes.Add($"attribute '{attribute.Name}' not copied: {e.Message}");
            }
        }
    }
}
