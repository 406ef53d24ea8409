using System.CommandLine;
using DataScrub.Cli.CommandLine;
using DataScrub.Findings;
using DataScrub.Formats;

namespace DataScrub.Cli.Commands;

/// <summary><c>datascrub rebuild SRC --out DST</c>: write a cleaned copy of a dataset, safely.</summary>
public static class RebuildCommand
{
    public static Command Create(CliStreams streams)
    {
        var registry = DatasetFormats.CreateRegistry();
        var source = new Argument<string>("source") { Description = "The dataset to copy (any path scan accepts). It is only ever read." };
        var output = new Option<string>("--out", "-o")
        {
            Description = "The directory to create with the cleaned copy (must not exist unless --force).",
            HelpName = "DST",
            Required = true,
        };
        var dropBad = new Option<bool>("--drop-bad") { Description = "Drop every sample with a sample-level finding of severity error." };
        var drop = new Option<IReadOnlySet<FindingKind>>("--drop")
        {
            Description = "Drop samples with findings of these kinds (comma-separated: nan,inf,empty-mask,duplicate).",
            HelpName = "KIND[,KIND]",
            CustomParser = ParseKinds,
        };
        var force = new Option<bool>("--force") { Description = "Replace an existing DST, atomically, once the new copy is written and verified." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Scan and print what would be dropped and written; write nothing." };
        var to = WordOption.Create("--to", "The format to write: 'same' (default), or convert between lmdb, leveldb and hdf5.",
            ["same", .. registry.Names], "same");
        var shuffle = new Option<bool>("--shuffle") { Description = "Write the survivors in a seeded random order, re-keyed NNNNNNNN_KEY like convert_imageset --shuffle (listfiles: lines shuffled)." };
        var seed = new Option<int>("--seed") { Description = "The --shuffle seed (the same seed gives the same order).", DefaultValueFactory = _ => 1 };
        var options = new ScanOptionSet(registry);

        var command = new Command("rebuild", "Write a cleaned copy of a dataset without the bad samples: same format, same keys and bytes, verified before it appears.")
        {
            source, output, dropBad, drop, force, dryRun, to, shuffle, seed,
        };
        foreach (var option in options.ForRebuild) command.Options.Add(option);

        command.SetAction(parse =>
        {
            string? refusal = null;
            if (parse.GetResult(seed) is { Implicit: false } && !parse.GetValue(shuffle))
                refusal = "--seed applies only with --shuffle (it seeds the shuffle)";
            var dropKinds = parse.GetValue(drop) ?? new HashSet<FindingKind>();
            if (dropKinds.Contains(FindingKinds.Duplicate) && parse.GetValue(options.NoDuplicates))
                refusal ??= "--drop duplicate needs the duplicate detection that --no-duplicates turns off";
            if (refusal is not null)
            {
                streams.Error.WriteLine($"datascrub: {refusal}");
                return ExitCodes.Usage;
            }
            return new RebuildRunner(streams, registry).Run(new RebuildSettings(
                options.Read(parse, [parse.GetValue(source)!]),
                parse.GetValue(output)!,
                parse.GetValue(dropBad),
                dropKinds,
                parse.GetValue(force),
                parse.GetValue(dryRun),
                parse.GetValue(to) is "same" ? null : parse.GetValue(to),
                parse.GetValue(shuffle) ? parse.GetValue(seed) : null));
        });
        return command;
    }

    /// <summary>
    /// Scan options that rebuild does not have, and what to do instead: said when one is given to rebuild, in place of
    /// "unknown option", because a user who knows scan will try them.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ScanOnlyOptions { get; } = new Dictionary<string, string>
    {
        ["--fail-on"] = "its exit code says whether the copy was written and verified (0) or not; judge the copy with 'datascrub scan DST --fail-on ...'",
        ["--write-mean"] = "write the copy's mean with 'datascrub scan DST --write-mean FILE'",
        // The masks live in a second folder that one atomic rename cannot cover.
        ["--masks"] = "it does not write mask folders (the masks would be left behind); find empty masks with 'datascrub scan --masks DIR', then rebuild the image and mask folders from a listfile",
    };

    /// <summary>"nan,duplicate" → those kinds; an error naming a kind that is unknown or names no sample.</summary>
    private static IReadOnlySet<FindingKind> ParseKinds(System.CommandLine.Parsing.ArgumentResult result)
    {
        var kinds = new HashSet<FindingKind>();
        foreach (var name in CommaList.Split(result, "--drop") ?? [])
        {
            if (FindingKinds.Find(name) is not { } kind)
            {
                result.AddError($"--drop: unknown kind '{name}' (known: {string.Join(", ", FindingKinds.All.Where(k => k.Level == FindingLevel.Sample).Select(k => k.Name))})");
                break;
            }
            if (kind.Level != FindingLevel.Sample)
            {
                result.AddError($"--drop: '{name}' is a dataset-level finding; it names no sample to drop");
                break;
            }
            kinds.Add(kind);
        }
        return kinds;
    }
}
