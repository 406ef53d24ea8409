using System.CommandLine;
using DataScrub.Cli.CommandLine;
using DataScrub.Formats;

namespace DataScrub.Cli.Commands;

/// <summary><c>datascrub merge SHARD_REPORT...</c>: the report of a scan split with <c>--shard</c>, from its shards.</summary>
public static class MergeCommand
{
    public static Command Create(CliStreams streams)
    {
        var registry = DatasetFormats.CreateRegistry();
        var reports = new Argument<string[]>("shard-report")
        {
            Description = "The JSON reports of every shard of one scan (scan --shard I/N --json FILE), in any order; each FILE.state must be beside its report.",
            Arity = ArgumentArity.OneOrMore,
        };
        var options = new ScanOptionSet(registry);
        var failOn = WordOption.Create("--fail-on", "Exit 1 when findings at or above this severity exist (default: the shards' --fail-on).",
            ["error", "warning", "never"], "error");
        var command = new Command("merge", "Combine the shards of a scan (scan --shard I/N) into the report one scan of the whole dataset gives.") { reports };
        Option[] outputs = [options.Json, options.Html, options.Markdown, options.Quiet, options.Color, failOn, options.Baseline, options.FailOnNew, options.DriftThreshold];
        foreach (var option in outputs) command.Options.Add(option);
        command.SetAction(parse => new MergeRunner(streams, registry).Run(parse.GetValue(reports)!, parse, options, failOn));
        return command;
    }
}
