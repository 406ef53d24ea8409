using System.Text;
using CsCheck;
using DataScrub.Formats.Lmdb;
using DataScrub.Sharding;
using DataScrub.Tests.Shared;
using Xunit.Abstractions;

namespace DataScrub.Tests.Formats.Lmdb;

/// <summary>
/// LMDB read in shards (<c>scan --shard I/N</c>): units cut from the B-tree's upper levels (or a small tree's leaf
/// entries), each shard a cursor over its units' key range, validating only the subtrees it reads.
/// </summary>
public class LmdbShardingTests(ITestOutputHelper output)
{
    public static TheoryData<string> Stores =>
    [
        Fixtures.Lmdb.Good.Clean, Fixtures.Lmdb.Bad.Mixed, Fixtures.Lmdb.Bad.EncodedMixed,
        Fixtures.Lmdb.Labels.Classes, Fixtures.Lmdb.Labels.Float,
    ];

    [Theory]
    [MemberData(nameof(Stores))]
    public void Shards_OfEveryFixture_ConcatenateToTheWholeScan(string entry)
    {
        var path = Fixtures.Path(entry);
        var whole = Read(path, null);

        foreach (var count in new[] { 1, 2, 3, 7 })
        {
            var shards = ShardedRead.AssertShardsConcatenate(whole, count, spec => Read(path, spec), $"{entry} in {count} shards");
            if (whole.Samples.Count >= count)
                Assert.All(shards, s => Assert.NotEmpty(s.Samples));
        }
    }

    [Fact]
    public void Units_TinyStore_OneRecordEach()
    {
        using var reader = LmdbReader.Open(Fixtures.Path(Fixtures.Lmdb.Good.Clean));

        Assert.Equal(20, reader.Info.Units);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), reader.ReadSamples(CancellationToken.None).Select(s => s.Unit));
    }

    [Fact]
    public void Units_EmptyStore_OneUnitAndNoSamplesInAnyShard()
    {
        using var temp = new TempDirectory();
        var dir = Write(temp.Combine("db"), []);

        var whole = Read(dir, null);

        Assert.Equal(1, whole.Units);
        ShardedRead.AssertShardsConcatenate(whole, 3, spec => Read(dir, spec), "empty store");
    }

    /// <summary>Random stores: 0–5000 records, keys 1–200 bytes inserted in random order (so pages split and are
    /// half full), values 0–9000 bytes (some on overflow pages), trees of one to four levels.</summary>
    [Fact]
    public void Shards_OfAnyStore_ConcatenateToTheWholeScan()
    {
        var gen = Gen.Select(Gen.Int[0, 5000], Gen.Int[1, 200], Gen.Int[0, 9000], Gen.Int[0, 3], Gen.Long);
        gen.Sample((records, maxKey, maxValue, shardChoice, seed) =>
        {
            using var temp = new TempDirectory();
            // At most ~16 MB per store, so that the test stays fast; small stores still get values up to 9000 bytes.
            maxValue = Math.Min(maxValue, 32_000_000 / Math.Max(1, records));
            var dir = Write(temp.Combine("db"), RandomRecords(records, maxKey, maxValue, seed));
            var whole = Read(dir, null);
            Assert.Equal(records, whole.Samples.Count);
            var count = new[] { 2, 3, 7, 64 }[shardChoice];
            ShardedRead.AssertShardsConcatenate(whole, count, spec => Read(dir, spec), $"{records} records in {count} shards");
        }, iter: 8, threads: 1);
    }

    /// <summary>100,000 records in four shards: each shard touches about a quarter of the bytes (the pages it
    /// validates and the records it reads), and no shard walks the whole tree.</summary>
    [Fact]
    public void Shards_LargeStore_TouchBalancedShares()
    {
        using var temp = new TempDirectory();
        var dir = Write(temp.Combine("db"), RandomRecords(100_000, 24, 300, seed: 5));
        var whole = Read(dir, null);
        Assert.Equal(98, whole.Units); // 100,000 records in units of 1,024 (UnitSizing)

        var shards = ShardedRead.AssertShardsConcatenate(whole, 4, spec => Read(dir, spec), "100k records in 4 shards");

        var bytes = shards.Select(s => s.Bytes).ToList();
        output.WriteLine($"whole scan {whole.Bytes} bytes; shards {string.Join(", ", bytes)}; records {string.Join(", ", shards.Select(s => s.Samples.Count))}");
        Assert.True(bytes.Max() <= 2 * bytes.Min(), $"shard bytes {string.Join(", ", bytes)}");
        Assert.True(bytes.Max() < whole.Bytes / 3, $"a shard touched {bytes.Max()} of the whole scan's {whole.Bytes} bytes");
        var records = shards.Select(s => s.Samples.Count).ToList();
        Assert.True(records.Max() <= 2 * records.Min(), $"shard records {string.Join(", ", records)}");
    }

    /// <summary>A damaged leaf is found by the whole scan (as before sharding) and by the shard that reads it; the
    /// other shards never look at it.</summary>
    [Fact]
    public void Open_DamagedLeafInOneShard_OnlyThatShardRefuses()
    {
        using var temp = new TempDirectory();
        var dir = Write(temp.Combine("db"), RandomRecords(3000, 16, 100, seed: 11));
        var keys = Read(dir, null).Samples.Select(s => s.Key).ToList();
        var file = Path.Combine(dir, "data.mdb");
        // The live leaf holding the record five sixths in (inside shard 2 of 3); stale copies of pages from earlier
        // transactions hold the same keys, so the leaf is found by descending the tree, not by searching the file.
        var page = (long)LeafOf(file, Convert.FromHexString(keys[keys.Count * 5 / 6]));
        var bytes = File.ReadAllBytes(file);
        bytes[page * 4096 + 14] = 0xff; // mp_upper past the page end
        bytes[page * 4096 + 15] = 0xff;
        File.WriteAllBytes(file, bytes);

        var whole = Assert.Throws<DatasetUnreadableException>(() => LmdbReader.Open(dir).Dispose());
        Assert.Contains($"page {page} (offset {page * 4096})", whole.Message);
        var refused = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            try
            {
                using var reader = LmdbReader.Open(dir, new ShardSpec(i, 3));
                Assert.NotEmpty(reader.ReadSamples(CancellationToken.None));
            }
            catch (DatasetUnreadableException e)
            {
                Assert.Equal(whole.Message, e.Message);
                refused.Add(i);
            }
        }
        Assert.Equal([2], refused);
    }

    /// <summary>The leaf page whose key range holds <paramref name="key"/>: at each branch page, the last child whose
    /// separator is at most the key (node 0's separator is implicit).</summary>
    private static ulong LeafOf(string file, byte[] key)
    {
        var meta = LmdbMetaPage.Read(file)!;
        using var handle = File.OpenHandle(file);
        var pages = new LmdbPageReader(handle, meta);
        var page = meta.MainDatabase.Root;
        while (true)
        {
            Assert.Null(pages.Read(page));
            if (!pages.IsBranch) return page;
            for (var i = 0; i < pages.NodeCount; i++)
            {
                Assert.Null(pages.Node(i, out var node));
                if (i > 0 && pages.KeyOf(node).SequenceCompareTo(key) > 0) break;
                page = node.ChildPage;
            }
        }
    }

    private static ShardedRead Read(string path, ShardSpec? shard)
    {
        using var reader = LmdbReader.Open(path, shard);
        return ShardedRead.Of(reader, () => reader.BytesTouched);
    }

    private static List<(byte[] Key, byte[] Value)> RandomRecords(int count, int maxKey, int maxValue, long seed)
    {
        var random = new Random((int)seed);
        var records = new Dictionary<string, byte[]>();
        while (records.Count < count)
        {
            // A counter prefix keeps keys distinct; random padding gives them random lengths.
            var key = $"{random.Next():x8}" + new string('k', random.Next(0, Math.Max(0, maxKey - 8)));
            var value = new byte[random.Next(0, maxValue + 1)];
            random.NextBytes(value);
            records[key] = value;
        }
        return records.Select(r => (Encoding.ASCII.GetBytes(r.Key), r.Value)).ToList();
    }

    /// <summary>Writes the records in the order given (random order: pages split as in a store filled over time).</summary>
    private static string Write(string dir, List<(byte[] Key, byte[] Value)> records)
    {
        using var writer = LmdbWriter.Create(dir, new LmdbWriterOptions { KeysInOrder = false, InitialMapSize = 64L << 20 });
        foreach (var (key, value) in records) writer.Put(key, value);
        writer.Complete();
        return dir;
    }
}
