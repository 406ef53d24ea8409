using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

using static DataScrub.Benchmarks.Scan.HarnessSupport;

namespace DataScrub.Benchmarks.Scan;

/// <summary>
/// End-to-end harness: runs the real <c>datascrub scan</c> as a child process on a generated LMDB, for
/// 1 thread (the baseline) and for all cores, several times each, and reports the median throughput,
/// the ratio to the baseline measured in the same run, and each run's peak resident memory.
/// </summary>
internal static class ScanThroughput
{
    public static int Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var dir = Arg(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "datascrub-bench", "caffe_200k_raw_50k_float");
        var raw = int.Parse(Arg(args, "--raw") ?? "200000", inv);
        var floats = int.Parse(Arg(args, "--float") ?? "50000", inv);
        var repeats = int.Parse(Arg(args, "--repeats") ?? "5", inv);
        var marker = Path.Combine(dir, $"complete-{raw}-{floats}");
        if (!File.Exists(marker))
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            var gen = Stopwatch.StartNew();
            Console.WriteLine($"generating {raw} raw + {floats} float Datums in {dir} ...");
            SyntheticCaffeLmdb.Write(dir, raw, floats);
            File.WriteAllText(marker, "");
            Console.WriteLine($"  done in {gen.Elapsed.TotalSeconds:0.0} s");
        }
        var levelDb = dir + "_leveldb";
        if (!File.Exists(Path.Combine(levelDb, "CURRENT")))
        {
            if (Directory.Exists(levelDb)) Directory.Delete(levelDb, recursive: true);
            var gen = Stopwatch.StartNew();
            Console.WriteLine($"copying the same records into a LevelDB at {levelDb} ...");
            SyntheticCaffeLevelDb.CopyFromLmdb(dir, levelDb);
            Console.WriteLine($"  done in {gen.Elapsed.TotalSeconds:0.0} s");
        }
        var dataBytes = new FileInfo(Path.Combine(dir, "data.mdb")).Length;
        var levelDbBytes = Directory.GetFiles(levelDb).Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(inv,
            $"datasets: {dir} (data.mdb {dataBytes / 1e6:0} MB), {levelDb} ({levelDbBytes / 1e6:0} MB); {Environment.ProcessorCount} cores; {repeats} runs per setting"));

        var threadCounts = new[] { 1, Environment.ProcessorCount }.Distinct().ToList();
        var settings = new[] { ("lmdb", dir), ("leveldb", levelDb) }
            .SelectMany(f => threadCounts.Select(t => (Format: f.Item1, Path: f.Item2, Threads: t))).ToList();
        var results = settings.ToDictionary(s => s, _ => new List<RunResult>());
        // Alternate the settings run by run so that machine noise hits all of them alike.
        for (var r = 0; r < repeats; r++)
            foreach (var setting in settings)
            {
                var result = RunOnce(setting.Path, setting.Threads);
                results[setting].Add(result);
                Console.WriteLine(string.Create(inv,
                    $"  run {r + 1} {setting.Format} threads={setting.Threads}: {result.Samples} samples, {result.Bytes / 1e6:0} MB in {result.Seconds:0.000} s = {result.MegabytesPerSecond:0} MB/s, peak RSS {result.PeakRssBytes / 1048576.0:0} MiB"));
            }

        double MedianRate((string, string, int) s) => Median(results[s].Select(x => x.MegabytesPerSecond));
        var baseline = MedianRate(settings[0]);
        Console.WriteLine();
        Console.WriteLine("| format | threads | median MB/s | ratio vs lmdb 1 thread | ratio vs lmdb, same threads | median s | max peak RSS MiB |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var setting in settings)
        {
            var mbps = MedianRate(setting);
            var lmdbSame = MedianRate(settings.First(s => s.Format == "lmdb" && s.Threads == setting.Threads));
            Console.WriteLine(string.Create(inv,
                $"| {setting.Format} | {setting.Threads} | {mbps:0} | {mbps / baseline:0.00} | {mbps / lmdbSame:0.00} | {Median(results[setting].Select(x => x.Seconds)):0.000} | {results[setting].Max(x => x.PeakRssBytes) / 1048576.0:0} |"));
        }
        return 0;
    }

    private static RunResult RunOnce(string dir, int threads)
    {
        var json = Path.Combine(Path.GetTempPath(), $"datascrub-bench-{Environment.ProcessId}.json");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "datascrub.dll"), "scan", dir, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--quiet", "--json", json, "--fail-on", "never" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        // VmHWM is the kernel's own high-water mark; polling it until exit loses at most the last interval.
        while (!process.WaitForExit(20))
            peak = Math.Max(peak, ReadHighWaterMark(process.Id));
        if (process.ExitCode != 0) throw new InvalidOperationException($"datascrub exited {process.ExitCode}: {stderr.Result}");
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var d = doc.RootElement.GetProperty("datasets")[0];
        return new RunResult(d.GetProperty("samples").GetInt64(), d.GetProperty("bytes").GetInt64(), d.GetProperty("seconds").GetDouble(), peak, process.ExitCode);
    }

    private sealed record RunResult(long Samples, long Bytes, double Seconds, long PeakRssBytes, int ExitCode)
    {
        public double MegabytesPerSecond => Bytes / 1e6 / Seconds;
    }
}
