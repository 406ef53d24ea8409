using CsCheck;
using DataScrub.Formats.LevelDb;
using DataScrub.Sharding;
using DataScrub.Tests.Shared;
using Xunit.Abstractions;

namespace DataScrub.Tests.Formats.LevelDb;

/// <summary>
/// LevelDB read in shards (<c>scan --shard I/N</c>): units cut from the tables' index keys and the log (a tiny store:
/// its live keys), each shard merging only the tables that overlap its key range; every key once, by the shard whose
/// range holds it, with its newest value; store findings split so that they concatenate to the whole scan's.
/// </summary>
public class LevelDbShardingTests(ITestOutputHelper output)
{
    public static TheoryData<string> Stores =>
    [
        Fixtures.LevelDb.Good.Uncompressed, Fixtures.LevelDb.Bad.Mixed, Fixtures.LevelDb.Bad.Damaged, Fixtures.LevelDb.Bad.EncodedMixed,
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
    public void Shards_DamagedFixture_TheShardHoldingTheLostBlockReportsIt()
    {
        var path = Fixtures.Path(Fixtures.LevelDb.Bad.Damaged);
        var whole = Read(path, null);
        var finding = Assert.Single(whole.Findings);

        var shards = Enumerable.Range(0, 3).Select(i => Read(path, new ShardSpec(i, 3))).ToList();

        // The lost block held 00000010..00000014; the key before it, 00000009, is where a whole scan read it.
        var holder = shards.FindIndex(s => s.Findings.Count == 1);
        Assert.Equal(finding, shards[holder].Findings[0]);
        Assert.Contains(shards[holder].Samples, s => s.Key.StartsWith(Convert.ToHexString("00000009"u8), StringComparison.Ordinal));
        Assert.Equal(1, shards.Sum(s => s.Findings.Count));
    }

    /// <summary>Random stores: 0–5000 keys, one to three versions each over levels 3..0 and the log, some deleted;
    /// random key and value sizes, block and table sizes, compression; in a third of the cases a byte of a table is
    /// flipped (a lost block or table: findings) or a table is missing.</summary>
    [Fact]
    public void Shards_OfAnyStore_ConcatenateToTheWholeScan()
    {
        var gen = Gen.Select(Gen.Int[0, 5000], Gen.Int[1, 40], Gen.Int[0, 2000], Gen.Int[0, 5], Gen.Long);
        gen.Sample((keys, maxKey, maxValue, damage, seed) =>
        {
            using var temp = new TempDirectory();
            var random = new Random((int)seed);
            var dir = temp.Combine("db");
            maxValue = Math.Min(maxValue, 8_000_000 / Math.Max(1, keys));
            var live = LayeredLevelDb.Write(dir, random, keys, maxKey, maxValue, blockSize: random.Next(256, 4097),
                tableBytes: random.Next(8 << 10, 256 << 10), compress: random.Next(2) == 0);
            var tables = Directory.GetFiles(dir, "*.ldb").Order(StringComparer.Ordinal).ToList();
            if (damage == 0 && tables.Count > 0)
            {
                var table = tables[random.Next(tables.Count)];
                var bytes = File.ReadAllBytes(table);
                bytes[random.Next(bytes.Length)] ^= 0x40;
                File.WriteAllBytes(table, bytes);
            }
            else if (damage == 1 && tables.Count > 0)
            {
                File.Delete(tables[random.Next(tables.Count)]);
            }

            var whole = Read(dir, null);
            if (damage > 1)
            {
                Assert.Empty(whole.Findings);
                Assert.Equal(live.Select(r => (r.Key, Convert.ToHexString(r.Value))), whole.Samples.Select(s => (s.Key, s.Value)));
            }
            foreach (var count in new[] { 2, 3, 7 })
                ShardedRead.AssertShardsConcatenate(whole, count, spec => Read(dir, spec), $"{keys} keys in {count} shards");
        }, iter: 10, threads: 1);
    }

    /// <summary>100,000 records in four shards: each shard touches about a quarter of the table bytes (plus every
    /// index block, for the units, and the log, which every shard replays).</summary>
    [Fact]
    public void Shards_LargeStore_TouchBalancedShares()
    {
        using var temp = new TempDirectory();
        var dir = temp.Combine("db");
        var live = LayeredLevelDb.Write(dir, new Random(3), 100_000, maxKey: 16, maxValue: 120, blockSize: 4096, tableBytes: 1 << 20, compress: false);
        var whole = Read(dir, null);
        Assert.Equal(live.Count, whole.Samples.Count);
        Assert.Equal(1024, whole.Units);

        var shards = ShardedRead.AssertShardsConcatenate(whole, 4, spec => Read(dir, spec), "100k keys in 4 shards");

        var bytes = shards.Select(s => s.Bytes).ToList();
        output.WriteLine($"whole scan {whole.Bytes} bytes; shards {string.Join(", ", bytes)}; records {string.Join(", ", shards.Select(s => s.Samples.Count))}");
        Assert.True(bytes.Max() <= 2 * bytes.Min(), $"shard bytes {string.Join(", ", bytes)}");
        Assert.True(bytes.Max() < whole.Bytes / 2, $"a shard touched {bytes.Max()} of the whole scan's {whole.Bytes} bytes");
        var records = shards.Select(s => s.Samples.Count).ToList();
        Assert.True(records.Max() <= 2 * records.Min(), $"shard records {string.Join(", ", records)}");
    }

    private static ShardedRead Read(string path, ShardSpec? shard)
    {
        using var reader = LevelDbReader.Open(path, shard);
        return ShardedRead.Of(reader, () => reader.BytesTouched);
    }
}
