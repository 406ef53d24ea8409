namespace DataScrub.Cli;

/// <summary>The process's streams, injectable so that tests run the real command in-process.</summary>
public sealed record CliStreams(TextWriter Out, Stream StandardOutput, TextWriter Error, bool ErrorIsTerminal, CancellationToken Cancellation)
{
    /// <summary>True when stdout is a terminal (the summary may be coloured).</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>The environment variables the command reads (<c>NO_COLOR</c>); the process's by default.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The signal that cancelled <see cref="Cancellation"/> (SIGINT or SIGTERM), null when none did (or in-process).</summary>
    public Func<System.Runtime.InteropServices.PosixSignal?> Signal { get; init; } = () => null;

    /// <summary>The command line's words after the program name (an interrupted scan says how to resume it).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public static CliStreams FromProcess(CancellationToken cancellation) =>
        new(System.Console.Out, System.Console.OpenStandardOutput(), System.Console.Error, !System.Console.IsErrorRedirected, cancellation)
        {
            OutIsTerminal = !System.Console.IsOutputRedirected,
        };

    /// <summary>Whether the summary written to <paramref name="target"/> is coloured: <c>--color always</c>; or
    /// <c>auto</c> on a terminal unless <c>NO_COLOR</c> is set to anything (https://no-color.org: the flag wins over it).</summary>
    public bool UseColor(string color, TextWriter target) => color switch
    {
        "always" => true,
        "never" => false,
        _ => (ReferenceEquals(target, Error) ? ErrorIsTerminal : OutIsTerminal) && string.IsNullOrEmpty(Environment("NO_COLOR")),
    };
}
