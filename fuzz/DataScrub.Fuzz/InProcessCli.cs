using DataScrub.Cli;

namespace DataScrub.Fuzz;

/// <summary>
/// The real command line, run in this process (as the tests run it), for the harnesses that fuzz a whole dataset: the
/// reader, the record decoders, the checks, the analyses and the report writers together. Its oracle is the exit-code
/// contract: data may make DataScrub exit 0, 1 (findings) or 3 (unreadable), never 4 (an exception it did not expect,
/// "please report this"), and never 2, which blames the command line for what the data did.
/// </summary>
public static class InProcessCli
{
    /// <summary>The exit codes damaged data may cause.</summary>
    public static readonly int[] DataExitCodes = [ExitCodes.Clean, ExitCodes.Findings, ExitCodes.Unreadable];

    /// <exception cref="FuzzDefectException">The command exited with a code not in <paramref name="accepted"/>.</exception>
    public static int Run(IReadOnlyCollection<int> accepted, params string[] args)
    {
        var error = new StringWriter();
        var streams = new CliStreams(TextWriter.Null, Stream.Null, error, ErrorIsTerminal: false, CancellationToken.None);
        var exitCode = DataScrub.Cli.Program.Run(args, streams);
        if (!accepted.Contains(exitCode))
            throw new FuzzDefectException($"datascrub {string.Join(' ', args)} exited {exitCode}:\n{error}");
        return exitCode;
    }

    /// <summary><c>datascrub scan PATH ... --threads 1 --json /dev/null --quiet</c>: one worker, so that a run is
    /// deterministic and afl-fuzz's coverage of it stable; the JSON report is written (its writer runs too).</summary>
    public static int Scan(string path, params string[] options) =>
        Run(DataExitCodes, ["scan", path, "--threads", "1", "--json", "/dev/null", "--quiet", "--no-config", .. options]);
}
