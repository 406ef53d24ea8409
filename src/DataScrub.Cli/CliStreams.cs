namespace DataScrub.Cli;

/// <summary>The process's streams, injectable so that tests run the real command in-process.</summary>
public sealed record CliStreams(TextWriter Out, Stream StandardOutput, TextWriter Error, bool ErrorIsTerminal, CancellationToken Cancellation)
{
    public static CliStreams FromProcess(CancellationToken cancellation) =>
        new(System.Console.Out, System.Console.OpenStandardOutput(), System.Console.Error, !System.Console.IsErrorRedirected, cancellation);
}
