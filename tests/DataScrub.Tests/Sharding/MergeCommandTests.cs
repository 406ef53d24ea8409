using DataScrub.Tests.Shared;
using Xunit;

namespace DataScrub.Tests.Sharding;

/// <summary>What scan --shard refuses and what merge refuses: usage errors (exit 2) that say what is wrong, never a
/// merged report from shards that are not every shard of one scan.</summary>
public sealed class MergeCommandTests
{
    private static readonly string Dataset = Fixtures.Path(Fixtures.Images.Tree);

    private static string[] Shards(string folder, int count, params string[] options) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var json = Path.Combine(folder, $"shard-{i}.json");
            var run = CliRun.InProcess(["scan", Dataset, "--shard", $"{i}/{count}", "--json", json, "--quiet", .. options]);
            Assert.True(run.ExitCode == 0, run.ToString());
            return json;
        }),
    ];

    [Theory]
    [InlineData(new[] { "--shard", "0/2" }, "--shard needs --json FILE")]
    [InlineData(new[] { "--shard", "0/2", "--json", "-" }, "--shard needs --json FILE")]
    [InlineData(new[] { "--shard", "2/2", "--json", "x.json" }, "--shard: '2/2' is not I/N")]
    [InlineData(new[] { "--shard", "a/b", "--json", "x.json" }, "--shard: 'a/b' is not I/N")]
    [InlineData(new[] { "--shard", "0/2", "--shard-count", "2", "--json", "x.json" }, "--shard-count goes with --shard auto")]
    [InlineData(new[] { "--shard-count", "2" }, "--shard-count goes with --shard auto")]
    [InlineData(new[] { "--shard", "auto", "--json", "x.json" }, "JOB_COMPLETION_INDEX")]
    [InlineData(new[] { "--shard", "0/2", "--json", "x.json", "--baseline", "old.json" }, "give them to 'datascrub merge'")]
    public void Scan_RefusesShardOptionsThatCannotWork(string[] options, string message)
    {
        var run = CliRun.InProcessWith(s => s with { Environment = _ => null }, ["scan", Dataset, .. options]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void Shard_ExitsZeroWithFindings_AndItsReportSaysWhichShardItIs()
    {
        using var work = new TempDirectory();
        var json = Path.Combine(work.Path, "s.json");
        var run = CliRun.InProcess("scan", Dataset, "--shard", "1/3", "--json", json);
        Assert.Equal(0, run.ExitCode);
        var text = File.ReadAllText(json);
        Assert.Contains("\"shard\": {", text);
        Assert.Contains("\"state\": \"s.json.state\"", text);
        Assert.True(File.Exists(json + ".state"));
    }

    [Fact]
    public void Merge_RefusesAMissingShard_NamingIt()
    {
        using var work = new TempDirectory();
        var shards = Shards(work.Path, 3);
        var run = CliRun.InProcess("merge", shards[0], shards[2]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("1 of 3 shards are missing: 1/3", run.Error);
    }

    [Fact]
    public void Merge_RefusesAShardGivenTwice()
    {
        using var work = new TempDirectory();
        var shards = Shards(work.Path, 2);
        var run = CliRun.InProcess("merge", shards[0], shards[1], shards[1]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("shard 1 is given twice", run.Error);
    }

    [Fact]
    public void Merge_RefusesShardsOfScansWithOtherOptions()
    {
        using var work = new TempDirectory();
        var a = Directory.CreateDirectory(Path.Combine(work.Path, "a")).FullName;
        var b = Directory.CreateDirectory(Path.Combine(work.Path, "b")).FullName;
        var first = Shards(a, 2);
        var second = Shards(b, 2, "--batch-size", "64");
        var run = CliRun.InProcess("merge", first[0], second[1]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("were scanned with different options", run.Error);
        Assert.Contains("--batch-size", run.Error);
    }

    [Fact]
    public void Merge_RefusesShardsOfDifferentCounts()
    {
        using var work = new TempDirectory();
        var a = Directory.CreateDirectory(Path.Combine(work.Path, "a")).FullName;
        var b = Directory.CreateDirectory(Path.Combine(work.Path, "b")).FullName;
        var two = Shards(a, 2);
        var three = Shards(b, 3);
        var run = CliRun.InProcess("merge", two[0], three[1]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("they are not the shards of one scan", run.Error);
    }

    [Fact]
    public void Merge_RefusesAWholeScanReport()
    {
        using var work = new TempDirectory();
        var json = Path.Combine(work.Path, "whole.json");
        CliRun.InProcess("scan", Dataset, "--json", json, "--quiet");
        var run = CliRun.InProcess("merge", json);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a shard report", run.Error);
    }

    [Fact]
    public void Merge_RefusesAMissingStateFile()
    {
        using var work = new TempDirectory();
        var shards = Shards(work.Path, 1);
        File.Delete(shards[0] + ".state");
        var run = CliRun.InProcess("merge", shards[0]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("its state file", run.Error);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Merge_OfATruncatedOrDamagedState_IsAUsageErrorNamingTheFile(double keep)
    {
        using var work = new TempDirectory();
        var shards = Shards(work.Path, 2);
        var state = shards[1] + ".state";
        var bytes = File.ReadAllBytes(state);
        File.WriteAllBytes(state, bytes[..(int)(bytes.Length * keep)]);
        var truncated = CliRun.InProcess("merge", shards[0], shards[1]);
        Assert.Equal(2, truncated.ExitCode);
        Assert.Contains(state, truncated.Error);

        // Any byte flipped (here every 7th of the first 400: magic, header, counts, the first dataset) is refused by the
        // checksum: without it, a flag flipped in the dataset's entry read as "this shard could not read the dataset".
        for (var i = 0; i < Math.Min(bytes.Length, 400); i += 7)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[i] ^= 0x5a;
            File.WriteAllBytes(state, damaged);
            var run = CliRun.InProcess("merge", shards[0], shards[1], "--quiet");
            Assert.True(run.ExitCode == 2, $"byte {i}: {run}");
            Assert.Contains($"datascrub: merge: {state}: ", run.Error);
        }
    }
}
