using System.Text;
using DataScrub.Formats.Lmdb;
using DataScrub.Rebuild;
using DataScrub.Records;
using DataScrub.Samples;

namespace DataScrub.Formats.RecordStores;

/// <summary>
/// A cleaned key/value store (LMDB or LevelDB, from either: <c>--to</c>): the source's records in key
/// order minus the dropped ones, same keys and value bytes. From HDF5, each surviving row becomes a
/// Datum (<see cref="Caffe.DatumFromSample"/>) keyed <c>NNNNNNNN_FILE#ROW</c>. With <c>--shuffle</c> the survivors are
/// re-keyed <c>NNNNNNNN_KEY</c> by a seeded permutation (as <c>convert_imageset --shuffle</c> does), put
/// through an unsorted LMDB buffer inside the destination, and streamed from it in key order, because
/// both writers take keys in order.
/// </summary>
/// <param name="create">Creates the target store in a directory, given the bytes it is expected to hold.</param>
internal sealed class RecordStoreRebuilder(string targetFormat, Func<string, long, IRecordStoreWriter> create) : IDatasetRebuilder
{
    private const string ShuffleBuffer = ".shuffle-buffer";

    public static readonly string[] RecordFormats = [LmdbFormat.FormatName, LevelDb.LevelDbFormat.FormatName];

    /// <summary>Datum stores keep no files of samples: a damaged table's readable records are copied.</summary>
    public Func<string, string?>? FileOfSample => null;

    public string? Refusal(IDatasetFormat sourceFormat, string source, bool shuffle) =>
        RecordFormats.Contains(sourceFormat.Name) || sourceFormat.Name == Hdf5.Hdf5Format.FormatName ? null
            : $"{source}: {sourceFormat.Name} data cannot be written as {targetFormat} (lmdb, leveldb and hdf5 convert into each other)";

    public IReadOnlyList<string> Preview(RebuildPlan plan) => plan.ShuffleSeed is { } seed ? [ShuffleNote(plan, seed)] : [];

    public RebuildOutput Write(RebuildPlan plan, CancellationToken cancellationToken)
    {
        var drop = plan.DropsIndex();
        if (plan.ShuffleSeed is not { } seed)
        {
            using var writer = create(plan.Destination, plan.SourceBytes);
            Copy(plan, drop, writer, cancellationToken, rekey: null);
            writer.Complete();
            return new RebuildOutput(writer.Count, "", []);
        }

        var buffer = Path.Combine(plan.Destination, ShuffleBuffer);
        var positions = Permutation(plan.Survivors, seed);
        var width = KeyWidth(plan);
        using (var shuffled = LmdbWriter.Create(buffer, LmdbFormat.WriterOptionsFor(plan.SourceBytes) with { KeysInOrder = false }))
        {
            Copy(plan, drop, shuffled, cancellationToken, rekey: k => positions[k].ToString("D" + width, System.Globalization.CultureInfo.InvariantCulture));
            shuffled.Complete();
        }
        long written;
        using (var reader = LmdbReader.Open(buffer))
        using (var writer = create(Path.Combine(plan.Destination, ".target"), plan.SourceBytes))
        {
            foreach (var sample in reader.ReadSamples(cancellationToken)) writer.Put(sample.Key.Span, sample.Record.Span);
            writer.Complete();
            written = writer.Count;
        }
        Directory.Delete(buffer, recursive: true);
        // The store's files move up into the destination itself.
        foreach (var file in Directory.GetFiles(Path.Combine(plan.Destination, ".target")))
            File.Move(file, Path.Combine(plan.Destination, Path.GetFileName(file)));
        Directory.Delete(Path.Combine(plan.Destination, ".target"));
        return new RebuildOutput(written, "", [ShuffleNote(plan, seed)]);
    }

    private static string ShuffleNote(RebuildPlan plan, int seed) =>
        $"shuffled with seed {seed}: keys are NNNNNNNN_KEY, NNNNNNNN the position ({KeyWidth(plan)} digits)";

    /// <summary>Digits of the position prefix: 8 as convert_imageset writes, more when the survivors need them.</summary>
    private static int KeyWidth(RebuildPlan plan) => Math.Max(8, (plan.Survivors - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length);

    /// <param name="rekey">Maps the k-th survivor to its new key prefix; null keeps the key.</param>
    private static void Copy(RebuildPlan plan, Func<long, bool> drop, IRecordStoreWriter writer, CancellationToken cancellationToken, Func<long, string>? rekey)
    {
        using var reader = plan.SourceFormat.OpenReader(plan.Source, plan.Options);
        var fromRows = plan.SourceFormat.Name == Hdf5.Hdf5Format.FormatName;
        var width = KeyWidth(plan);
        var content = new SampleContent();
        long survivor = 0;
        byte[] key = [];
        foreach (var sample in reader.ReadSamples(cancellationToken))
        {
            try
            {
                if (drop(sample.Index)) continue;
                var index = survivor++;
                ReadOnlySpan<byte> originalKey = sample.Key.Span;
                ReadOnlySpan<byte> value = sample.Record.Span;
                if (fromRows)
                {
                    // Rows have no key: NNNNNNNN_FILE#ROW keeps them in storage order and names where they came from.
                    originalKey = Encoding.UTF8.GetBytes($"{index.ToString("D" + width, System.Globalization.CultureInfo.InvariantCulture)}_{sample.DisplayId}");
                    value = RowAsDatum(sample, content);
                }
                if (rekey is null)
                {
                    writer.Put(originalKey, value);
                    continue;
                }
                var prefix = Encoding.ASCII.GetBytes(rekey(index) + "_");
                if (key.Length < prefix.Length + originalKey.Length) key = new byte[prefix.Length + originalKey.Length];
                prefix.CopyTo(key, 0);
                originalKey.CopyTo(key.AsSpan(prefix.Length));
                writer.Put(key.AsSpan(0, prefix.Length + originalKey.Length), value);
            }
            finally
            {
                sample.Lease?.Release();
            }
        }
    }

    private static byte[] RowAsDatum(in Sample sample, SampleContent content)
    {
        content.Reset();
        var record = sample.Record.Span;
        if (sample.Decoder?.Decode(record, content) is { } error)
            throw new RebuildException($"{sample.DisplayId}: cannot be read as a row: {error}", isUsage: false);
        var datum = Caffe.DatumFromSample.Build(content, record, out var why)
            ?? throw new RebuildException($"{sample.DisplayId}: cannot become a caffe Datum: {why}", isUsage: false);
        return Caffe.CaffeDatumCodec.Serialize(datum);
    }

    /// <summary>positions[k] = where the k-th survivor goes: a Fisher–Yates shuffle with a seeded generator
    /// (System.Random with a seed is a fixed algorithm, so a seed gives the same order on every run).</summary>
    private static long[] Permutation(long count, int seed)
    {
        var order = new long[count];
        for (long i = 0; i < count; i++) order[i] = i;
        var random = new Random(seed);
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextInt64(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
