using DataScrub.Findings;
using DataScrub.Formats;
using DataScrub.Sharding;

namespace DataScrub.Tests.Formats;

/// <summary>
/// What one reader (the whole store or one shard) yielded, copied out of its buffers, and the shard contract's
/// assertions over a whole read and its N shard reads: the shards' samples and store findings concatenate, in shard
/// order, to the whole read's; every process sees the same units; indices count from 0 per shard.
/// </summary>
public sealed record ShardedRead(
    IReadOnlyList<(string Key, string Value, long Unit)> Samples,
    IReadOnlyList<long> Indices,
    long Units,
    long? ExpectedSamples,
    ShardSpec? Shard,
    IReadOnlyList<Finding> Findings,
    long Bytes)
{
    /// <summary>Reads every sample (releasing each lease) and then the store findings.</summary>
    public static ShardedRead Of(IDatasetReader reader, Func<long>? bytesTouched = null)
    {
        var samples = new List<(string, string, long)>();
        var indices = new List<long>();
        foreach (var sample in reader.ReadSamples(CancellationToken.None))
        {
            samples.Add((Convert.ToHexString(sample.Key.Span), Convert.ToHexString(sample.Record.Span), sample.Unit));
            indices.Add(sample.Index);
            sample.Lease?.Release();
        }
        return new ShardedRead(samples, indices, reader.Info.Units, reader.Info.ExpectedSamples, reader.Info.Shard,
            [.. reader.StoreFindings], bytesTouched?.Invoke() ?? 0);
    }

    /// <summary>Asserts the contract for <paramref name="count"/> shards read by <paramref name="readShard"/>; returns them.</summary>
    public static List<ShardedRead> AssertShardsConcatenate(ShardedRead whole, int count, Func<ShardSpec, ShardedRead> readShard, string what)
    {
        Assert.Null(whole.Shard);
        Assert.InRange(whole.Units, 1, 1024);
        Assert.Equal(Enumerable.Range(0, whole.Samples.Count).Select(i => (long)i), whole.Indices);
        var units = whole.Samples.Select(s => s.Unit).ToList();
        Assert.True(units.Zip(units.Skip(1)).All(p => p.First <= p.Second), $"{what}: units decrease in the whole read");
        Assert.True(units.All(u => u >= 0 && u < whole.Units), $"{what}: a unit outside 0..{whole.Units - 1}");

        var shards = new List<ShardedRead>();
        for (var i = 0; i < count; i++)
        {
            var spec = new ShardSpec(i, count);
            var shard = readShard(spec);
            Assert.Equal(spec, shard.Shard);
            Assert.Equal(whole.Units, shard.Units);
            Assert.Equal(whole.ExpectedSamples, shard.ExpectedSamples);
            Assert.Equal(Enumerable.Range(0, shard.Samples.Count).Select(k => (long)k), shard.Indices);
            var (first, end) = spec.UnitsOf(whole.Units);
            Assert.True(shard.Samples.All(s => s.Unit >= first && s.Unit < end), $"{what}, shard {spec}: a sample outside units [{first}, {end})");
            shards.Add(shard);
        }
        Assert.Equal(whole.Samples, shards.SelectMany(s => s.Samples).ToList());
        Assert.Equal(whole.Findings, shards.SelectMany(s => s.Findings).ToList());
        return shards;
    }
}
