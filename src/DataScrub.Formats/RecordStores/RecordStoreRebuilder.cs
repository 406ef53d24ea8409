using System.Text;
using DataScrub.Formats.Lmdb;
using DataScrub.Rebuild;

namespace DataScrub.Formats.RecordStores;

/// <summary>
/// A cleaned key/value store (LMDB or LevelDB, from either: <c>--to</c>): the source's records in key
/// order minus the dropped ones, same keys and value bytes. With <c>--shuffle</c> the survivors are
/// re-keyed <c>NNNNNNNN_KEY</c> by a seeded permutation (as <c>convert_imageset --shuffle</c> does), put
/// through an unsorted LMDB buffer inside the destination, and streamed from it in key order, because
/// both writers take keys in order.
/// </summary>
internal sealed class RecordStoreRebuilder(string targetFormat, Func<string, IRecordStoreWriter> create) : IDatasetRebuilder
{
    private const string ShuffleBuffer = ".shuffle-buffer";

    public static readonly string[] RecordFormats = [LmdbFormat.FormatName, LevelDb.LevelDbFormat.FormatName];

    public RebuildOutput Write(RebuildPlan plan, CancellationToken cancellationToken)
    {
        if (!RecordFormats.Contains(plan.SourceFormat.Name))
            throw new RebuildException($"{plan.Source}: a {plan.SourceFormat.Name} dataset cannot be written as {targetFormat} (key/value stores convert between lmdb and leveldb)", isUsage: true);
        var drop = DroppedSample.Indexes(plan.Dropped);
        if (plan.ShuffleSeed is not { } seed)
        {
            using var writer = create(plan.Destination);
            Copy(plan, drop, writer, cancellationToken, rekey: null);
            writer.Complete();
            return new RebuildOutput(writer.Count, "", []);
        }

        var buffer = Path.Combine(plan.Destination, ShuffleBuffer);
        var positions = Permutation(plan.Survivors, seed);
        var width = Math.Max(8, (plan.Survivors - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        using (var shuffled = LmdbWriter.Create(buffer, new LmdbWriterOptions { KeysInOrder = false }))
        {
            Copy(plan, drop, shuffled, cancellationToken, rekey: k => positions[k].ToString("D" + width, System.Globalization.CultureInfo.InvariantCulture));
            shuffled.Complete();
        }
        long written;
        using (var reader = LmdbReader.Open(buffer))
        using (var writer = create(Path.Combine(plan.Destination, ".target")))
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
        return new RebuildOutput(written, "", [$"shuffled with seed {seed}: keys are NNNNNNNN_KEY, NNNNNNNN the position ({width} digits)"]);
    }

    /// <param name="rekey">Maps the k-th survivor to its new key prefix; null keeps the key.</param>
    private static void Copy(RebuildPlan plan, HashSet<long> drop, IRecordStoreWriter writer, CancellationToken cancellationToken, Func<long, string>? rekey)
    {
        using var reader = plan.SourceFormat.OpenReader(plan.Source, plan.Options);
        long survivor = 0;
        byte[] key = [];
        foreach (var sample in reader.ReadSamples(cancellationToken))
        {
            try
            {
                if (drop.Contains(sample.Index)) continue;
                if (rekey is null)
                {
                    writer.Put(sample.Key.Span, sample.Record.Span);
                    continue;
                }
                var prefix = Encoding.ASCII.GetBytes(rekey(survivor++) + "_");
                if (key.Length < prefix.Length + sample.Key.Length) key = new byte[prefix.Length + sample.Key.Length];
                prefix.CopyTo(key, 0);
                sample.Key.Span.CopyTo(key.AsSpan(prefix.Length));
                writer.Put(key.AsSpan(0, prefix.Length + sample.Key.Length), sample.Record.Span);
            }
            finally
            {
                sample.Lease?.Release();
            }
        }
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
