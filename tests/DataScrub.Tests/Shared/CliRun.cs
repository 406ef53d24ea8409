using System.Diagnostics;
using System.Text;
using DataScrub.Cli;

namespace DataScrub.Tests.Shared;

/// <summary>Runs the real command line, in-process (the library code under the JIT) or as a child process: the
/// shipped Native AOT binary (<see cref="ShippedCli"/>), for process-wide state such as the native libraries and for
/// what a user sees.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun InProcess(params string[] args) => InProcessWith(s => s, args);

    /// <summary>As <see cref="InProcess"/>, with the streams changed first (a terminal, an environment variable).</summary>
    public static CliRun InProcessWith(Func<CliStreams, CliStreams> change, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var stdout = new MemoryStream();
        var code = Program.Run(args, change(new CliStreams(output, stdout, error, ErrorIsTerminal: false, CancellationToken.None)));
        var text = output.ToString() + Encoding.UTF8.GetString(stdout.ToArray());
        return new CliRun(code, text, error.ToString());
    }

    public static CliRun Process(IDictionary<string, string>? environment, params string[] args) => ProcessIn(null, environment, args);

    /// <summary>As <see cref="Process"/>, in <paramref name="workingDirectory"/> (for relative paths such as one named "-x").</summary>
    public static CliRun ProcessIn(string? workingDirectory, IDictionary<string, string>? environment, params string[] args) =>
        Run(ShippedCli.Binary, args, workingDirectory, environment);

    /// <summary>As <see cref="Process"/>, as user <paramref name="uid"/> (setpriv; the caller must be root), running <paramref name="binary"/>.</summary>
    public static CliRun ProcessAs(int uid, IDictionary<string, string>? environment, string binary, params string[] args) =>
        Run("setpriv", [$"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--", binary, .. args], null, environment);

    private static CliRun Run(string file, IEnumerable<string> args, string? workingDirectory, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(); throw new TimeoutException("datascrub did not finish"); }
        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
