using System.CommandLine;
using System.Reflection;
using DataScrub.Cli.Commands;
using DataScrub.Cli.CommandLine;

namespace DataScrub.Cli;

public static class Program
{
    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static string ToolName => $"datascrub {Version}";

    public static int Main(string[] args)
    {
        using var interruption = new Interruption();
        return Run(args, CliStreams.FromProcess(interruption.Token) with { Signal = () => interruption.Signal });
    }

    /// <summary>The whole command line, with every failure turned into an exit code and one stderr line.</summary>
    public static int Run(string[] args, CliStreams streams)
    {
        streams = streams with { Arguments = args };
        var root = new RootCommand("DataScrub: find the data that turns a training loss into NaN, before training.")
        {
            ScanCommand.Create(streams),
            RebuildCommand.Create(streams),
            MergeCommand.Create(streams),
            LintCommand.Create(streams),
        };
        foreach (var command in root.Subcommands) OptionValueParsers.Install(command);
        // The default version action prints the entry assembly's version (the test host's, in-process).
        root.Options.OfType<VersionOption>().Single().Action = new PrintVersionAction();
        var parse = root.Parse(args);
        // Unknown options first: the errors System.CommandLine reports for them ("Unrecognized command or
        // argument '64'") are about the words that follow them.
        var unknown = UnknownOptions.Find(parse);
        if (unknown.Count > 0 || parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            var messages = unknown.Count > 0 ? unknown.Select(u => UnknownOptions.Describe(u, command)) : parse.Errors.Select(e => e.Message);
            foreach (var message in messages)
                streams.Error.WriteLine($"datascrub: {message}");
            // Advice says what to do instead; the help is for words that are no option at all.
            if (unknown.Count == 0 || unknown.Any(u => UnknownOptions.Advice(u, command) is null))
                streams.Error.WriteLine($"Run '{(command is RootCommand ? "datascrub" : $"datascrub {command.Name}")} --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            parse = WithConfigFile(root, parse, args);
        }
        catch (Configuration.ConfigFileException e)
        {
            streams.Error.WriteLine($"datascrub: {e.Message}");
            return ExitCodes.Usage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = streams.Out, Error = streams.Error, EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException) when (streams.Cancellation.IsCancellationRequested)
        {
            var terminated = streams.Signal() == System.Runtime.InteropServices.PosixSignal.SIGTERM;
            streams.Error.WriteLine(terminated ? "datascrub: terminated (SIGTERM)" : "datascrub: cancelled");
            return terminated ? ExitCodes.Terminated : ExitCodes.Cancelled;
        }
        catch (ReportWriteException e)
        {
            streams.Error.WriteLine($"datascrub: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (DatasetUnreadableException e)
        {
            streams.Error.WriteLine($"datascrub: {UnreadableDatasetText.Message(e)}");
            return ExitCodes.Unreadable;
        }
        catch (Exception e)
        {
            streams.Error.WriteLine($"datascrub: internal error: {e.GetType().Name}: {e.Message} (please report this with the command line)");
            if (Environment.GetEnvironmentVariable("DATASCRUB_DEBUG") == "1") streams.Error.WriteLine(e);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// The command line with the configuration file's options added (<c>--config FILE</c>, or <c>datascrub.json</c>
    /// beside the datasets): parsed again with the file's values as words after the user's, for the options the user
    /// did not give, and with the file named by <c>--config</c> so the report can say which file it was. Errors in the
    /// file's values are System.CommandLine's own, said as the file's.
    /// </summary>
    private static ParseResult WithConfigFile(RootCommand root, ParseResult parse, string[] args)
    {
        var command = parse.CommandResult.Command;
        if (command.Options.FirstOrDefault(o => o.Name == "--config") is not Option<string?> config
            || command.Options.FirstOrDefault(o => o.Name == "--no-config") is not Option<bool> noConfig)
            return parse;
        var datasets = parse.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value);
        var path = Configuration.ConfigFileLocator.Locate(parse.GetValue(config), parse.GetValue(noConfig), datasets);
        if (path is null) return parse;
        var file = Configuration.ConfigFile.Read(path);
        var words = file.WordsFor(parse, command, root.Subcommands.Where(c => c != command));
        // The options go before a '--' (after it every word is a dataset path).
        var end = Array.IndexOf(args, "--");
        string[] named = parse.GetResult(config) is { Implicit: false } ? [] : [$"--config={path}"];
        string[] combined = end < 0 ? [.. args, .. named, .. words] : [.. args[..end], .. named, .. words, .. args[end..]];
        var again = root.Parse(combined);
        if (again.Errors.Count > 0)
            throw new Configuration.ConfigFileException(path, string.Join("; ", again.Errors.Select(e => e.Message)));
        return again;
    }

    private sealed class PrintVersionAction : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return ExitCodes.Clean;
        }
    }
}
