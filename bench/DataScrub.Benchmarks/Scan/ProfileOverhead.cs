using System.Diagnostics;
using System.Globalization;
using DataScrub.Analysis;
using DataScrub.Formats;
using DataScrub.Images;
using DataScrub.Pipeline;
using static DataScrub.Benchmarks.Scan.HarnessSupport;

namespace DataScrub.Benchmarks.Scan;

/// <summary>
/// What the profile and damaged-image preview analyses add to a scan: one dataset (any format), in one warm process,
/// scanned alternately with the standard analyses and with the same minus those two, with all cores. Reports the
/// median and the fastest wall and CPU seconds of each, and the ratios.
/// </summary>
internal static class ProfileOverhead
{
    public static int Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var path = Arg(args, "--path") ?? Path.Combine(Path.GetTempPath(), "datascrub-compare", "lmdb_raw");
        var repeats = int.Parse(Arg(args, "--repeats") ?? "9", inv);
        var registry = DatasetFormats.CreateRegistry();
        var with = new ScrubOptions { Checks = StandardChecks.Default };
        var without = with with
        {
            AnalysisFactory = dataset => [.. StandardAnalyses.Create(with.Analysis, dataset)
                .Where(a => a is not Analysis.Profile.ProfileAnalysis and not Analysis.Previews.DamagedImagePreviews)],
        };

        (double Wall, double Cpu) Once(ScrubOptions options)
        {
            // The previous scan's garbage is collected before, not during, this one.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var reader = registry.Resolve(path, FormatRegistry.Auto).OpenReader(path, ReaderOptions.Default);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            ScrubPipeline.Run(reader, options);
            return (clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        }

        Once(without); // warm-up: JIT and page cache
        Once(with);
        var runs = new Dictionary<bool, List<(double Wall, double Cpu)>> { [false] = [], [true] = [] };
        for (var r = 0; r < repeats; r++)
        {
            // Alternate which side goes first, so that neither always follows the other.
            foreach (var profiled in r % 2 == 0 ? new[] { false, true } : [true, false])
                runs[profiled].Add(Once(profiled ? with : without));
        }
        string Row(string name, List<(double Wall, double Cpu)> side, List<(double Wall, double Cpu)> baseline) => string.Create(inv,
            $"| {name} | {Median(side.Select(s => s.Wall)):0.000} ({Median(side.Select(s => s.Wall)) / Median(baseline.Select(s => s.Wall)):0.000}) | {side.Min(s => s.Wall):0.000} | {Median(side.Select(s => s.Cpu)):0.000} ({Median(side.Select(s => s.Cpu)) / Median(baseline.Select(s => s.Cpu)):0.000}) | {side.Min(s => s.Cpu):0.000} |");
        Console.WriteLine($"{path}, {repeats} alternating runs each");
        Console.WriteLine("| analyses | median wall s (ratio) | fastest wall s | median CPU s (ratio) | least CPU s |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(Row("standard minus profile and previews", runs[false], runs[false]));
        Console.WriteLine(Row("standard", runs[true], runs[false]));
        return 0;
    }
}
