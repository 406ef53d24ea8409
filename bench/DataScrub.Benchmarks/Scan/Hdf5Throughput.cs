using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

using static DataScrub.Benchmarks.Scan.HarnessSupport;

namespace DataScrub.Benchmarks.Scan;

/// <summary>
/// HDF5 end-to-end: 2 GB float32 files (contiguous, and gzip-chunked) written by h5py
/// (bench/make_big_hdf5.py), scanned by the real datascrub binary and, in the same run, by the
/// h5py + numpy baseline a user would write (bench/hdf5_numpy_baseline.py, np.isfinite per slab) with
/// its default 1000-row slabs and with its fastest setting here: 16-row slabs on the contiguous file,
/// one chunk (64 rows) per slab on the gzip file (smaller slabs re-decompress chunks). Needs
/// /usr/bin/python3 with python3-h5py and python3-numpy.
/// </summary>
internal static class Hdf5Throughput
{
    public static int Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var dir = Arg(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "datascrub-bench");
        var gigabytes = Arg(args, "--gigabytes") ?? "2";
        var repeats = int.Parse(Arg(args, "--repeats") ?? "3", inv);
        var benchDir = FindBenchScripts("make_big_hdf5.py");
        Directory.CreateDirectory(dir);
        var files = new List<(string Name, string Path)>();
        foreach (var (name, gzip) in new[] { ("contiguous", false), ("gzip", true) })
        {
            var path = Path.Combine(dir, $"big_{name}.h5");
            if (!File.Exists(path))
            {
                Console.WriteLine($"generating {path} ({gigabytes} GB) with h5py ...");
                string[] options = gzip ? ["--gigabytes", gigabytes, "--gzip"] : ["--gigabytes", gigabytes];
                Python(Path.Combine(benchDir, "make_big_hdf5.py"), [path, .. options]);
            }
            files.Add((name, path));
        }

        if (args.Contains("--write"))
        {
            // Peak memory of writing a cleaned 2 GB copy, measured in a child process of its own.
            foreach (var (name, path) in files)
            {
                var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
                foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "DataScrub.Benchmarks.dll"), "hdf5-copy", path, Path.Combine(dir, $"copy_{name}.h5") })
                    start.ArgumentList.Add(a);
                var clock = Stopwatch.StartNew();
                using var process = Process.Start(start)!;
                long peak = 0;
                while (!process.WaitForExit(20)) peak = Math.Max(peak, ReadHighWaterMark(process.Id));
                Console.WriteLine(string.Create(inv, $"write cleaned copy of {name}: {clock.Elapsed.TotalSeconds:0.0} s, peak RSS {peak / 1048576.0:0} MiB, exit {process.ExitCode}"));
                File.Delete(Path.Combine(dir, $"copy_{name}.h5"));
            }
            return 0;
        }

        Console.WriteLine("| file | tool | median s | median MB/s | ratio vs numpy (1000 rows) | ratio vs numpy (tuned) | peak RSS MiB |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (name, path) in files)
        {
            var tunedRows = name == "gzip" ? 64 : 16;
            var ours = new List<(double Seconds, long Bytes, long Peak)>();
            var numpy1000 = new List<double>();
            var numpy16 = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                ours.Add(RunDataScrub(path));
                numpy1000.Add(RunNumpy(benchDir, path, 1000));
                numpy16.Add(RunNumpy(benchDir, path, tunedRows));
            }
            var bytes = ours[0].Bytes;
            var s = Median(ours.Select(o => o.Seconds));
            var n1000 = Median(numpy1000);
            var n16 = Median(numpy16);
            Console.WriteLine(string.Create(inv, $"| {name} | datascrub | {s:0.000} | {bytes / 1e6 / s:0} | {n1000 / s:0.00} | {n16 / s:0.00} | {ours.Max(o => o.Peak) / 1048576.0:0} |"));
            Console.WriteLine(string.Create(inv, $"| {name} | h5py+numpy, 1000-row slabs | {n1000:0.000} | {bytes / 1e6 / n1000:0} | 1.00 | {n16 / n1000:0.00} | |"));
            Console.WriteLine(string.Create(inv, $"| {name} | h5py+numpy, {tunedRows}-row slabs | {n16:0.000} | {bytes / 1e6 / n16:0} | {n1000 / n16:0.00} | 1.00 | |"));
        }
        return 0;
    }

    /// <summary>Child-process body for --write: copy <paramref name="args"/>[0] to [1], dropping every 1000th row.</summary>
    public static int Copy(string[] args)
    {
        var result = DataScrub.Formats.Hdf5.Hdf5Rewriter.Copy(args[0], args[1], row => row % 1000 != 999);
        Console.WriteLine($"  kept {result.RowsKept}, dropped {result.RowsDropped}; {string.Join("; ", result.Notes)}");
        return 0;
    }

    private static (double Seconds, long Bytes, long Peak) RunDataScrub(string path)
    {
        var json = Path.Combine(Path.GetTempPath(), $"datascrub-bench-{Environment.ProcessId}.json");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "datascrub.dll"), "scan", path, "--quiet", "--json", json, "--fail-on", "never" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        long peak = 0;
        while (!process.WaitForExit(20)) peak = Math.Max(peak, ReadHighWaterMark(process.Id));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var d = doc.RootElement.GetProperty("datasets")[0];
        return (d.GetProperty("seconds").GetDouble(), d.GetProperty("bytes").GetInt64(), peak);
    }

    private static double RunNumpy(string benchDir, string path, int rows)
    {
        var output = Python(Path.Combine(benchDir, "hdf5_numpy_baseline.py"), path, "--rows", rows.ToString(CultureInfo.InvariantCulture));
        using var doc = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        return doc.RootElement.GetProperty("seconds").GetDouble();
    }
}
