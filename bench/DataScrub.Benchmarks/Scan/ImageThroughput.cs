using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using static DataScrub.Benchmarks.Scan.HarnessSupport;

namespace DataScrub.Benchmarks.Scan;

/// <summary>
/// Images end-to-end: a folder of JPEGs (bench/make_jpeg_folder.py, default 2,000 of 256x256) checked by
/// the real datascrub binary (all cores; with libjpeg-turbo, and with ImageSharp only) and, in the same run, by PIL's <c>Image.open(f).load()</c> in one
/// Python process (bench/pil_decode_baseline.py). Reports files/s medians and the ratio. Needs
/// /usr/bin/python3 with python3-pil and python3-numpy.
/// </summary>
internal static class ImageThroughput
{
    public static int Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var dir = Arg(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "datascrub-bench", "jpegs");
        var count = Arg(args, "--count") ?? "2000";
        var repeats = int.Parse(Arg(args, "--repeats") ?? "5", inv);
        var bench = FindBenchScripts("make_jpeg_folder.py");
        if (!Directory.Exists(dir))
            Python(Path.Combine(bench, "make_jpeg_folder.py"), dir, "--count", count, "--size", "256");

        var ours = new List<double>();
        var managed = new List<double>();
        var pil = new List<double>();
        var peak = 0L;
        for (var r = 0; r < repeats; r++)
        {
            ours.Add(RunDataScrub(dir, libTurboJpeg: null, ref peak));
            // The same binary with libjpeg-turbo made unloadable: every JPEG goes through ImageSharp.
            managed.Add(RunDataScrub(dir, libTurboJpeg: "/nonexistent/libturbojpeg.so.0", ref peak));
            using var doc = JsonDocument.Parse(Python(Path.Combine(bench, "pil_decode_baseline.py"), dir).Trim().Split('\n')[^1]);
            pil.Add(doc.RootElement.GetProperty("files_per_s").GetDouble());
        }
        Console.WriteLine("| tool | median files/s | ratio vs PIL |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(string.Create(inv, $"| datascrub, libjpeg-turbo ({Environment.ProcessorCount} cores) | {Median(ours):0} | {Median(ours) / Median(pil):0.00} |"));
        Console.WriteLine(string.Create(inv, $"| datascrub, ImageSharp only ({Environment.ProcessorCount} cores) | {Median(managed):0} | {Median(managed) / Median(pil):0.00} |"));
        Console.WriteLine(string.Create(inv, $"| PIL Image.open().load(), one process | {Median(pil):0} | 1.00 |"));
        Console.WriteLine(string.Create(inv, $"peak RSS of datascrub: {peak / 1048576.0:0} MiB; {repeats} runs each, alternating"));
        return 0;
    }

    /// <summary>One scan by the real binary; files/s from the report (samples / seconds of the scan).</summary>
    private static double RunDataScrub(string dir, string? libTurboJpeg, ref long peak)
    {
        var json = Path.Combine(Path.GetTempPath(), $"datascrub-bench-{Environment.ProcessId}.json");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "datascrub.dll"), "scan", dir, "--quiet", "--json", json, "--fail-on", "never" })
            start.ArgumentList.Add(a);
        if (libTurboJpeg is not null) start.Environment["DATASCRUB_LIBTURBOJPEG"] = libTurboJpeg;
        using (var process = Process.Start(start)!)
            while (!process.WaitForExit(20)) peak = Math.Max(peak, ReadHighWaterMark(process.Id));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var d = doc.RootElement.GetProperty("datasets")[0];
        return d.GetProperty("samples").GetInt64() / d.GetProperty("seconds").GetDouble();
    }
}
