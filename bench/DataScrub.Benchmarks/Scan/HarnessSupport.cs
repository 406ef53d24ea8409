using System.Diagnostics;
using System.Globalization;

namespace DataScrub.Benchmarks.Scan;

/// <summary>What the end-to-end harnesses share: option lookup, medians, a child's peak memory.</summary>
internal static class HarnessSupport
{
    public static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>VmHWM (the kernel's resident high-water mark) of a running process, 0 once it is gone.</summary>
    public static long ReadHighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        return 0;
    }

    /// <summary>Runs a script with Debian's Python (the reference libraries live there); returns its stdout.</summary>
    public static string Python(string script, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} exited {process.ExitCode}");
        return output;
    }

    /// <summary>The repository's bench/ folder (found from the binary's location by a script in it).</summary>
    public static string FindBenchScripts(string script)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "bench", script))) return Path.Combine(d.FullName, "bench");
        throw new InvalidOperationException($"bench/{script} not found above {AppContext.BaseDirectory}");
    }
}
