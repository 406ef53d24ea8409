using System.Diagnostics;
using System.Globalization;
using DataScrub.Analysis;
using DataScrub.Checks.NonFinite;
using DataScrub.Checks.Shape;
using DataScrub.Formats;
using DataScrub.Images;
using DataScrub.Images.Checks;
using DataScrub.Pipeline;
using static DataScrub.Benchmarks.Scan.HarnessSupport;

namespace DataScrub.Benchmarks.Scan;

/// <summary>
/// What issue 6's analyses (label check, fp16 range, masks, per-channel statistics, duplicates, class and
/// batch mathematics) add to a scan: the same LMDB (the 'scan' mode's 200k raw + 50k float Datums),
/// in one warm process, scanned alternately with them and without (the checks before issue 6),
/// with all cores. Reports medians and the ratio.
/// </summary>
internal static class AnalysisOverhead
{
    public static int Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var dir = Arg(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "datascrub-bench", "caffe_200k_raw_50k_float");
        var repeats = int.Parse(Arg(args, "--repeats") ?? "5", inv);
        if (!File.Exists(Path.Combine(dir, "data.mdb")))
        {
            Console.Error.WriteLine($"{dir}: run the 'scan' mode first (it generates the LMDB)");
            return 2;
        }
        var registry = DatasetFormats.CreateRegistry();
        var baseline = new ScrubOptions
        {
            Checks = _ => [new NonFiniteCheck(), new ShapeCheck(), new ImageCheck(ImageInspectionOptions.Default)],
            Analysis = new AnalysisOptions { Enabled = false },
        };
        var full = new ScrubOptions { Checks = StandardChecks.Default, Analysis = new AnalysisOptions { BatchSizes = [32, 64, 256] } };

        double Once(ScrubOptions options)
        {
            using var reader = registry.Resolve(dir, "lmdb").OpenReader(dir, ReaderOptions.Default);
            var clock = Stopwatch.StartNew();
            ScrubPipeline.Run(reader, options);
            return clock.Elapsed.TotalSeconds;
        }

        Once(baseline); // warm-up: JIT and page cache
        Once(full);
        var without = new List<double>();
        var with = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            without.Add(Once(baseline));
            with.Add(Once(full));
        }
        Console.WriteLine("| scan of the 200k-record LMDB | median seconds | ratio |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(string.Create(inv, $"| without the analyses | {Median(without):0.000} | 1.00 |"));
        Console.WriteLine(string.Create(inv, $"| with them (batch sizes 32,64,256; duplicates on) | {Median(with):0.000} | {Median(with) / Median(without):0.00} |"));
        return 0;
    }
}
