using System.CommandLine;
using DataScrub.Formats;

namespace DataScrub.Cli.Commands;

/// <summary><c>datascrub scan PATH...</c>: check datasets, print a summary, optionally write the JSON report.</summary>
public static class ScanCommand
{
    public static Command Create(CliStreams streams)
    {
        var registry = DatasetFormats.CreateRegistry();
        var paths = new Argument<string[]>("path")
        {
            Description = "Dataset to scan: an LMDB environment (directory or data.mdb), a LevelDB directory, an HDF5 file, folder or source list, or an image folder or listfile. Several may be given.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var options = new ScanOptionSet(registry);
        var definitions = new DefinitionOptionSet();
        var command = new Command("scan", "Scan datasets for NaN/Inf values, broken images, records whose shapes lie, and label distributions that make batch losses 0/0.") { paths };
        foreach (var option in options.All) command.Options.Add(option);
        foreach (var option in new Option[] { definitions.Net, definitions.Phase, definitions.WorkDirectory }) command.Options.Add(option);
        command.SetAction(parse => new ScanRunner(streams, registry).Run(options.Read(parse, parse.GetValue(paths)!) with
        {
            Net = parse.GetValue(definitions.Net),
            NetContext = definitions.ContextFrom(parse),
            GivenDefinitionOptions = parse.GetResult(definitions.Phase) is { Implicit: false } || parse.GetResult(definitions.WorkDirectory) is { Implicit: false },
        }));
        return command;
    }
}
