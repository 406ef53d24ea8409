using System.CommandLine;
using DataScrub.Cli.CommandLine;
using DataScrub.Formats;

namespace DataScrub.Cli.Commands;

/// <summary><c>datascrub lint PROTOTXT...</c>: the NaN causes that live in Caffe's solver and net definitions.</summary>
public static class LintCommand
{
    public static Command Create(CliStreams streams)
    {
        var files = new Argument<string[]>("prototxt")
        {
            Description = "Caffe solver or net definitions (protobuf text format); a solver's train net is linted with it.",
            Arity = ArgumentArity.OneOrMore,
        };
        var options = new ScanOptionSet(DatasetFormats.CreateRegistry());
        var definitions = new DefinitionOptionSet();
        var command = new Command("lint", "Check Caffe solver and net prototxt files for what turns a loss into NaN: learning-rate policies, pooling strides, InfogainLoss matrices, BatchNorm eps, loss weights, missing data sources.") { files };
        Option[] all = [options.Json, options.Html, options.Markdown, options.Quiet, options.Color, options.FailOn, options.Severity, definitions.Phase, definitions.WorkDirectory];
        foreach (var option in all) command.Options.Add(option);
        command.SetAction(parse => new LintRunner(streams).Run(parse.GetValue(files)!, options.Read(parse, []), definitions.ContextFrom(parse)));
        return command;
    }
}
