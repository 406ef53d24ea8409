using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using static DataScrub.Benchmarks.Scan.HarnessSupport;

namespace DataScrub.Benchmarks.Scan;

/// <summary>
/// <c>datascrub rebuild --drop-bad</c> against <c>datascrub scan</c> of the same LMDB (the 'scan' mode's
/// 200k raw + 50k float Datums), the real binary for both, alternating; medians, the ratio, and the
/// rebuild's own phase seconds from its JSON report.
/// </summary>
internal static class RebuildThroughput
{
    public static int Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var dir = Arg(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "datascrub-bench", "caffe_200k_raw_50k_float");
        var repeats = int.Parse(Arg(args, "--repeats") ?? "3", inv);
        if (!File.Exists(Path.Combine(dir, "data.mdb")))
        {
            Console.Error.WriteLine($"{dir}: run the 'scan' mode first (it generates the LMDB)");
            return 2;
        }
        var output = Path.Combine(Path.GetTempPath(), $"datascrub-bench-rebuild-{Environment.ProcessId}");
        var json = output + ".json";
        var scans = new List<double>();
        var rebuilds = new List<double>();
        var phases = new Dictionary<string, List<double>>();
        for (var r = 0; r < repeats; r++)
        {
            scans.Add(Time("scan", dir, "--quiet", "--fail-on", "never"));
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            rebuilds.Add(Time("rebuild", dir, "--out", output, "--drop-bad", "--quiet", "--json", json));
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            foreach (var phase in doc.RootElement.GetProperty("datasets")[0].GetProperty("rebuild").GetProperty("seconds").EnumerateObject())
                (phases.TryGetValue(phase.Name, out var list) ? list : phases[phase.Name] = []).Add(phase.Value.GetDouble());
            Directory.Delete(output, recursive: true);
        }
        File.Delete(json);
        Console.WriteLine("| command | median seconds | ratio |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(string.Create(inv, $"| datascrub scan | {Median(scans):0.00} | 1.00 |"));
        Console.WriteLine(string.Create(inv, $"| datascrub rebuild --drop-bad | {Median(rebuilds):0.00} | {Median(rebuilds) / Median(scans):0.00} |"));
        Console.WriteLine("rebuild phases (median s): " + string.Join(", ", phases.Select(p => string.Create(inv, $"{p.Key} {Median(p.Value):0.00}"))));
        return 0;
    }

    private static double Time(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "datascrub.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"datascrub {args[0]} exited {process.ExitCode}");
        return clock.Elapsed.TotalSeconds;
    }
}
