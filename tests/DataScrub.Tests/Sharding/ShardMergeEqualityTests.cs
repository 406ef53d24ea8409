using System.Text.RegularExpressions;
using DataScrub.Tests.Shared;
using Xunit;

namespace DataScrub.Tests.Sharding;

/// <summary>
/// The proof of scale-out: every format's fixtures scanned by N separate processes (the shipped binary, --shard I/N)
/// and merged give the single-process JSON report byte for byte, timings aside, for N = 1, 2, 3 and 7; and the console
/// summary of the merge is the scan's.
/// </summary>
public sealed class ShardMergeEqualityTests
{
    public static TheoryData<string, string[]> Datasets => new()
    {
        { Fixtures.Lmdb.Good.Clean, [] },
        { Fixtures.Lmdb.Bad.Mixed, [] },
        { Fixtures.Lmdb.Bad.EncodedMixed, [] },
        { Fixtures.Lmdb.Labels.Classes, ["--batch-size", "4,32,256"] },
        { Fixtures.Lmdb.Labels.Float, [] },
        { Fixtures.LevelDb.Good.Uncompressed, [] },
        { Fixtures.LevelDb.Bad.Mixed, [] },
        { Fixtures.LevelDb.Bad.Damaged, [] },
        { Fixtures.LevelDb.Bad.EncodedMixed, ["--max-findings", "2"] },
        { "hdf5/list.txt", [] },
        { "hdf5/list_repeated.txt", [] },
        { "hdf5/chunked_gzip_f32.h5", [] },
        { "hdf5/partly_written.h5", [] },
        { "labels/hdf5_classes.h5", [] },
        { "labels/hdf5_masks.h5", [] },
        { Fixtures.Images.Tree, [] },
        { Fixtures.Images.TrainList, [] },
        { Fixtures.Images.Flat, [] },
        { "masks/images", ["--masks", Fixtures.Path("masks/masks")] },
    };

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Merged_shards_give_the_single_scan_report(string entry, string[] options)
    {
        using var work = new TempDirectory();
        var path = Fixtures.Path(entry);
        var single = Scan(work.Path, "single", [path, .. options]);
        foreach (var n in new[] { 1, 2, 3, 7 })
        {
            var shards = Enumerable.Range(0, n).AsParallel().WithDegreeOfParallelism(2).Select(i =>
            {
                var json = System.IO.Path.Combine(work.Path, $"n{n}-shard-{i}.json");
                var run = CliRun.Process(null, ["scan", path, .. options, "--shard", $"{i}/{n}", "--json", json, "--quiet"]);
                Assert.True(run.ExitCode == 0 || (single.Run.ExitCode == 3 && run.ExitCode == 3), $"shard {i}/{n}: {run}");
                return json;
            }).ToList();
            var merged = System.IO.Path.Combine(work.Path, $"n{n}-merged.json");
            // The shards in reverse order: merge takes them in any order.
            var merge = CliRun.Process(null, ["merge", .. shards.AsEnumerable().Reverse(), "--json", merged]);
            Assert.True(merge.ExitCode == single.Run.ExitCode, $"N = {n}: merge exited {merge.ExitCode}, the scan {single.Run.ExitCode}\n{merge}");
            Assert.Equal(single.Json, WithoutTimings(File.ReadAllText(merged)));
            Assert.Equal(WithoutTimings(single.Run.Out), WithoutTimings(merge.Out));
        }
    }

    private static (CliRun Run, string Json) Scan(string folder, string name, string[] args)
    {
        var json = System.IO.Path.Combine(folder, name + ".json");
        var run = CliRun.Process(null, ["scan", .. args, "--json", json]);
        Assert.True(run.ExitCode is 0 or 1 or 3, run.ToString());
        return (run, WithoutTimings(File.ReadAllText(json)));
    }

    /// <summary>Timing fields and lines removed: the JSON's "seconds", the console's durations and rates.</summary>
    private static string WithoutTimings(string text) =>
        Regex.Replace(Regex.Replace(text, "\"seconds\": [^,\\n]*,?\\n", ""), @"\d+(\.\d+)? ?(s|ms|MB/s|samples/s)\b", "T");
}
