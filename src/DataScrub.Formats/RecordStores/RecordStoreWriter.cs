using System.Globalization;
using System.Text;
using DataScrub.Formats.Lmdb;
using DataScrub.Rebuild;

namespace DataScrub.Formats.RecordStores;

/// <summary>
/// Writes a key/value store of Datums (LMDB or LevelDB) from the surviving samples. Records of a Datum store (LMDB
/// or LevelDB: the same records) keep their keys and value bytes; a sample of another format (an HDF5 row) becomes
/// the Datum of its fields, keyed <c>NNNNNNNN_ID</c> (its position, then where it came from). With a shuffle seed
/// the survivors are re-keyed <c>NNNNNNNN_KEY</c> by a seeded permutation (as <c>convert_imageset --shuffle</c>
/// does), put through an unsorted LMDB buffer inside the destination, and streamed from it in key order at
/// <see cref="Complete"/>, because both stores take keys in order.
/// </summary>
internal sealed class RecordStoreWriter : IDatasetWriter
{
    private const string ShuffleBuffer = ".shuffle-buffer";
    private const string ShuffleTarget = ".target";

    private readonly RebuildPlan _plan;
    private readonly Func<string, long, IRecordStoreWriter> _create;
    private readonly IRecordStoreWriter _writer;
    private readonly long[]? _positions;
    private readonly string _width;
    private byte[] _key = [];

    /// <param name="create">Creates the target store in a directory, given the bytes it is expected to hold.</param>
    public RecordStoreWriter(RebuildPlan plan, Func<string, long, IRecordStoreWriter> create)
    {
        _plan = plan;
        _create = create;
        _width = "D" + KeyWidth(plan).ToString(CultureInfo.InvariantCulture);
        if (plan.ShuffleSeed is { } seed)
        {
            _positions = Permutation(plan.Survivors, seed);
            _writer = LmdbWriter.Create(Path.Combine(plan.Destination, ShuffleBuffer), LmdbFormat.WriterOptionsFor(plan.SourceBytes) with { KeysInOrder = false });
        }
        else
        {
            _writer = create(plan.Destination, plan.SourceBytes);
        }
    }

    public void Write(in WritableSample sample)
    {
        ReadOnlySpan<byte> key = sample.Key;
        ReadOnlySpan<byte> value = sample.Record;
        if (!RecordStoreRebuilder.RecordFormats.Contains(sample.SourceFormat))
        {
            // Rows have no key: NNNNNNNN_ID keeps them in storage order and names where they came from.
            key = Encoding.UTF8.GetBytes($"{sample.Position.ToString(_width, CultureInfo.InvariantCulture)}_{sample.Id}");
            value = Caffe.DatumFieldsCodec.Write(sample.Fields);
        }
        if (_positions is null)
        {
            _writer.Put(key, value);
            return;
        }
        var prefix = Encoding.ASCII.GetBytes(_positions[sample.Position].ToString(_width, CultureInfo.InvariantCulture) + "_");
        if (_key.Length < prefix.Length + key.Length) _key = new byte[prefix.Length + key.Length];
        prefix.CopyTo(_key, 0);
        key.CopyTo(_key.AsSpan(prefix.Length));
        _writer.Put(_key.AsSpan(0, prefix.Length + key.Length), value);
    }

    public RebuildOutput Complete()
    {
        _writer.Complete();
        if (_plan.ShuffleSeed is not { } seed) return new RebuildOutput(_writer.Count, "", []);

        _writer.Dispose();
        var buffer = Path.Combine(_plan.Destination, ShuffleBuffer);
        var target = Path.Combine(_plan.Destination, ShuffleTarget);
        long written;
        using (var reader = LmdbReader.Open(buffer))
        using (var writer = _create(target, _plan.SourceBytes))
        {
            foreach (var sample in reader.ReadSamples(CancellationToken.None)) writer.Put(sample.Key.Span, sample.Record.Span);
            writer.Complete();
            written = writer.Count;
        }
        Directory.Delete(buffer, recursive: true);
        // The store's files move up into the destination itself.
        foreach (var file in Directory.GetFiles(target))
            File.Move(file, Path.Combine(_plan.Destination, Path.GetFileName(file)));
        Directory.Delete(target);
        return new RebuildOutput(written, "", [ShuffleNote(_plan, seed)]);
    }

    public void Dispose() => _writer.Dispose();

    public static string ShuffleNote(RebuildPlan plan, int seed) =>
        $"shuffled with seed {seed}: keys are NNNNNNNN_KEY, NNNNNNNN the position ({KeyWidth(plan)} digits)";

    /// <summary>Digits of the position prefix: 8 as convert_imageset writes, more when the survivors need them.</summary>
    private static int KeyWidth(RebuildPlan plan) => Math.Max(8, (plan.Survivors - 1).ToString(CultureInfo.InvariantCulture).Length);

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
