using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli.Resume;

/// <summary>
/// The shipped binary started on a scan slowed down by the test-only <c>DATASCRUB_TEST_SAMPLE_DELAY_MS</c>, then sent a
/// real signal (kill(2), as a terminal's Ctrl-C or the kubelet sends it) once its <c>--progress</c> lines show samples
/// scanned: what a user or Kubernetes does to a long scan.
/// </summary>
internal static partial class InterruptibleRun
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [GeneratedRegex(@"progress: .*?: (\d+)(/\d+)? samples")]
    private static partial Regex ProgressSamples();

    /// <summary>Runs <c>datascrub ARGS --progress</c> with a delay per sample, and sends <paramref name="signal"/> once
    /// at least <paramref name="samplesBefore"/> samples were scanned.</summary>
    public static CliRun Interrupt(int signal, int delayMs, long samplesBefore, params string[] args) => InterruptIn(null, signal, delayMs, samplesBefore, args);

    /// <summary>As <see cref="Interrupt"/>, in <paramref name="workingDirectory"/>.</summary>
    public static CliRun InterruptIn(string? workingDirectory, int signal, int delayMs, long samplesBefore, params string[] args)
    {
        var start = new ProcessStartInfo(ShippedCli.Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var a in new[] { "--progress", "--progress-interval", "0.05" }) start.ArgumentList.Add(a);
        start.Environment["DATASCRUB_TEST_SAMPLE_DELAY_MS"] = delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var error = new StringBuilder();
        var signalled = false;
        var clock = Stopwatch.StartNew();
        while (process.StandardError.ReadLine() is { } line)
        {
            error.AppendLine(line);
            if (signalled || ProgressSamples().Match(line) is not { Success: true } m || long.Parse(m.Groups[1].Value) < samplesBefore) continue;
            if (Kill(process.Id, signal) != 0) throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
            signalled = true;
        }
        if (!process.WaitForExit(TimeSpan.FromMinutes(1))) { process.Kill(); throw new TimeoutException("datascrub did not finish"); }
        Assert.True(signalled, $"the scan ended before it showed {samplesBefore} samples scanned ({clock.Elapsed.TotalSeconds:0.0} s):\n{error}");
        return new CliRun(process.ExitCode, stdout.Result, error.ToString());
    }
}
