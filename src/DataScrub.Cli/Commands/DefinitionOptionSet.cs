using System.CommandLine;

namespace DataScrub.Cli.Commands;

/// <summary>The options that read Caffe's training definitions, shared by <c>lint</c> and <c>scan --net</c>.</summary>
public sealed class DefinitionOptionSet
{
    public Option<string?> Net { get; } = new("--net")
    {
        Description = "A Caffe net (train_val.prototxt) or solver prototxt: scan the data its data layers read, with their batch size, crop size, mean file, classes, loss and ignore_label (flags given still win), and lint it.",
        HelpName = "PROTOTXT",
    };

    /// <summary>Caffe writes the phase TRAIN, DataScrub's words are lower case: either is taken.</summary>
    public Option<string> Phase { get; } = PhaseOption();

    public Option<string?> WorkDirectory { get; } = new("--workdir")
    {
        Description = "The directory Caffe runs in: relative paths in the prototxt (sources, mean files, the solver's net) resolve from it, as Caffe's do (default: the current directory).",
        HelpName = "DIR",
    };

    private static Option<string> PhaseOption()
    {
        var option = new Option<string>("--phase")
        {
            Description = "The phase whose net is checked and scanned: train (Caffe's TRAIN) or test; layers are chosen by their include/exclude rules as Caffe chooses them.",
            HelpName = "train|test",
            DefaultValueFactory = _ => "train",
        };
        option.CustomParser = result =>
        {
            var word = result.Tokens[0].Value.ToLowerInvariant();
            if (word is "train" or "test") return word;
            result.AddError($"--phase: '{result.Tokens[0].Value}' is not one of train, test");
            return "train";
        };
        return option;
    }

    public Formats.Caffe.Lint.LintContext ContextFrom(ParseResult parse) => new(
        Path.GetFullPath(parse.GetValue(WorkDirectory) ?? Directory.GetCurrentDirectory()),
        parse.GetValue(Phase) == "test" ? Formats.Caffe.Proto.Phase.Test : Formats.Caffe.Proto.Phase.Train);
}
