using System.CommandLine;
using DataScrub.Cli.CommandLine;
using DataScrub.Formats;

namespace DataScrub.Cli.Commands;

/// <summary>The options of a scan (format, report, threads, thresholds, classes, batches, images, HDF5), defined once,
/// and how they become <see cref="ScanSettings"/>. <c>scan</c> takes them all; <c>rebuild</c> takes
/// <see cref="ForRebuild"/>, without the ones that only make sense for a scan (<see cref="ScanOnly"/>).</summary>
public sealed class ScanOptionSet
{
    public Option<string> Format { get; }
    public Option<string?> Json { get; }
    public Option<int> Threads { get; }

    /// <summary>The most worker threads a run may ask for.</summary>
    public const int MaxThreads = 1024;
    public Option<string> FailOn { get; }
    public Option<int> MaxFindings { get; }
    public Option<bool> Quiet { get; }
    public Option<IReadOnlyList<string>?> Data { get; }
    public Option<long> MaxPixels { get; }
    public Option<int> CropSize { get; }
    public Option<double> SampleTimeout { get; }
    public Option<string?> Root { get; }
    public Option<string?> Label { get; }
    public Option<long?> NumClasses { get; }
    public Option<IReadOnlyList<int>> BatchSizes { get; }
    public Option<double> MaxMiss { get; }
    public Option<string?> Masks { get; }
    public Option<string?> MeanFile { get; }
    public Option<string?> WriteMean { get; }
    public Option<bool> NoDuplicates { get; }
    public Option<string[]> Severity { get; }
    public Option<string> Loss { get; }
    public Option<long?> IgnoreLabel { get; }
    public Option<string?> Html { get; }
    public Option<string?> Markdown { get; }
    public Option<string?> Config { get; }
    public Option<bool> NoConfig { get; }
    public Option<string?> Baseline { get; }
    public Option<bool> FailOnNew { get; }
    public Option<double> DriftThreshold { get; }
    public Option<bool> Progress { get; }
    public Option<double> ProgressInterval { get; }
    public Option<string> Color { get; }
    public Option<string?> ClassNames { get; }
    public Option<string?> Shard { get; }
    public Option<int?> ShardCount { get; }
    public Option<string?> Resume { get; }

    /// <summary>Options that apply only to some datasets: refused, before scanning, for datasets they cannot apply to.</summary>
    internal IReadOnlyDictionary<Option, OptionScope> Scopes { get; }

    public ScanOptionSet(FormatRegistry registry)
    {
        Format = WordOption.Create("--format", "Dataset format; 'auto' detects it from the path's contents.",
            [FormatRegistry.Auto, .. registry.Names], FormatRegistry.Auto, "-f");
        Json = new Option<string?>("--json")
        {
            Description = "Write the JSON report (schema datascrub-report/1) to FILE, or to stdout with '-'.",
            HelpName = "FILE|-",
        };
        Threads = new Option<int>("--threads", "-j")
        {
            Description = "Worker threads that decode and check records (default: all cores; at most 1024). The report does not depend on it.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        // Each worker is an OS thread with its own batch buffers: 49 million of them (a typo, a config file) took the
        // process down instead of being refused.
        OptionRules.Between(Threads, 1, MaxThreads);
        FailOn = WordOption.Create("--fail-on", "Exit with code 1 when a finding of at least this severity exists.",
            FailOnWords.All, FailOnWords.Of(Cli.FailOn.Error));
        MaxFindings = new Option<int>("--max-findings")
        {
            Description = "Findings of one kind listed per dataset; more are counted but not listed.",
            DefaultValueFactory = _ => 1000,
        };
        OptionRules.AtLeast(MaxFindings, 0);
        Quiet = new Option<bool>("--quiet", "-q") { Description = "No summary and no progress; errors still go to stderr." };
        Data = new Option<IReadOnlyList<string>?>("--data")
        {
            Description = "HDF5: the datasets to scan as data, comma-separated (Caffe top names). Default: every root dataset but the label.",
            HelpName = "NAME[,NAME]",
            CustomParser = r => CommaList.Split(r, "--data"),
        };
        MaxPixels = new Option<long>("--max-pixels")
        {
            Description = "Images (files and encoded Datums): declared width x height above this is 'image-too-large' and is not decoded (PIL's limit by default).",
            DefaultValueFactory = _ => DataScrub.Images.ImageInspectionOptions.PilMaxPixels,
        };
        OptionRules.AtLeast(MaxPixels, 1L);
        CropSize = new Option<int>("--crop-size")
        {
            Description = "Images (files and encoded Datums): Caffe's transform_param.crop_size; smaller images are 'smaller-than-crop'. 0 = no check.",
            DefaultValueFactory = _ => 0,
        };
        OptionRules.AtLeast(CropSize, 0);
        SampleTimeout = new Option<double>("--sample-timeout")
        {
            Description = "Images (files and encoded Datums): seconds one image's decode may take; a slower one is 'decode-timeout' (a warning) and the scan goes on. 0 = no limit.",
            DefaultValueFactory = _ => DataScrub.Images.ImageInspectionOptions.DefaultSampleTimeout.TotalSeconds,
            HelpName = "SECONDS",
        };
        OptionRules.Between(SampleTimeout, 0, 86_400);
        Root = new Option<string?>("--root")
        {
            Description = "Image listfiles: the folder their relative paths start from (default: the listfile's folder).",
            HelpName = "DIR",
        };
        Label = new Option<string?>("--label")
        {
            Description = "HDF5: the label dataset (class indices or targets). Default: 'label' when present.",
            HelpName = "NAME",
        };

        NumClasses = new Option<long?>("--num-classes", "-K")
        {
            Description = "K, the number of classes (labels outside [0, K) are 'label-out-of-range'). Default: inferred from the class folders, else max label + 1.",
            HelpName = "K",
        };
        OptionRules.AtLeastWhenGiven(NumClasses, 1L);
        BatchSizes = new Option<IReadOnlyList<int>>("--batch-size", "-b")
        {
            Description = "The training batch size(s), comma-separated (32,64,256): batch-class-miss, class-rare and unshuffled-order use them.",
            DefaultValueFactory = _ => [32],
            HelpName = "B[,B]",
            CustomParser = ParseBatchSizes,
        };
        MaxMiss = new Option<double>("--max-miss-probability")
        {
            Description = "A shuffled batch may miss a class with at most this probability before 'batch-class-miss'.",
            DefaultValueFactory = _ => 0.001,
            HelpName = "P",
        };
        OptionRules.Between(MaxMiss, 0, 1);
        Masks = new Option<string?>("--masks")
        {
            Description = "Image folders and listfiles: a folder of segmentation masks at the images' relative paths (.png first); empty masks are 'empty-mask'.",
            HelpName = "DIR",
        };
        MeanFile = new Option<string?>("--mean-file")
        {
            Description = "LMDB/LevelDB and images: the Caffe mean.binaryproto training subtracts: NaN/Inf in it, and a C x H x W other than the data's, are findings.",
            HelpName = "FILE",
        };
        WriteMean = new Option<string?>("--write-mean")
        {
            Description = "LMDB/LevelDB: write the data's mean image as a Caffe mean.binaryproto (as compute_image_mean does).",
            HelpName = "FILE",
        };
        Severity = new Option<string[]>("--severity")
        {
            Description = "Set a finding kind's severity: KIND=error|warning|off (repeatable, or comma-separated). 'off' neither lists nor counts the kind. Wins over every default.",
            HelpName = "KIND=LEVEL",
            AllowMultipleArgumentsPerToken = false,
        };
        Severity.Validators.Add(r =>
        {
            if (ParseSeverities(r.GetValueOrDefault<string[]>(), out var error) is null) r.AddError($"--severity: {error}");
        });
        Loss = WordOption.Create("--loss",
            "What the loss does with a batch's classes: 'softmax' (averaged over samples: a batch missing a class is harmless, batch findings are warnings) or 'batch-normalized' (normalised by per-batch class frequency: a missing class is 0/0, batch findings are errors).",
            ["softmax", "batch-normalized"], "softmax");
        IgnoreLabel = new Option<long?>("--ignore-label")
        {
            Description = "Caffe's loss_param.ignore_label (255 in PASCAL VOC masks): samples and mask values with it are left out of range checks, class counts, empty-mask and batch analyses.",
            HelpName = "V",
        };
        Html = new Option<string?>("--html")
        {
            Description = "Write the report as one self-contained HTML page (charts, filterable findings; opens offline) to FILE, or to stdout with '-'.",
            HelpName = "FILE|-",
        };
        Markdown = new Option<string?>("--markdown")
        {
            Description = "Write a short markdown summary (for a CI job page: $GITHUB_STEP_SUMMARY) to FILE, or to stdout with '-'.",
            HelpName = "FILE|-",
        };
        Config = new Option<string?>("--config")
        {
            Description = "Read option values from this JSON file (keys are option names: {\"batch-size\": 64}). Default: datascrub.json beside the dataset, when there is one. Flags win over the file.",
            HelpName = "FILE",
        };
        NoConfig = new Option<bool>("--no-config") { Description = "Do not read a datascrub.json beside the dataset." };
        Baseline = new Option<string?>("--baseline")
        {
            Description = "An accepted JSON report of the same datasets: report what is new since it (findings by kind and sample, label histogram drift).",
            HelpName = "REPORT",
        };
        FailOnNew = new Option<bool>("--fail-on-new") { Description = "With --baseline: exit 1 only for new findings at or above --fail-on (and label drift beyond --drift-threshold), not for those the baseline accepted." };
        DriftThreshold = new Option<double>("--drift-threshold")
        {
            Description = "With --baseline: the label histogram has drifted when the total variation distance between the old and new class shares exceeds this (0..1).",
            DefaultValueFactory = _ => 0.05,
            HelpName = "D",
        };
        OptionRules.Between(DriftThreshold, 0, 1);
        Progress = new Option<bool>("--progress") { Description = "Print a progress line to stderr every few seconds, also when stderr is not a terminal (CI logs)." };
        ProgressInterval = new Option<double>("--progress-interval")
        {
            Description = "Seconds between --progress lines.",
            DefaultValueFactory = _ => 5.0,
            HelpName = "SECONDS",
        };
        OptionRules.Between(ProgressInterval, 0.01, 86_400);
        Color = WordOption.Create("--color", "Colour the summary: 'auto' (on a terminal, unless NO_COLOR is set), 'always' or 'never'.",
            ["auto", "always", "never"], "auto");
        ClassNames = new Option<string?>("--class-names")
        {
            Description = "A file naming the classes, one per line (line 1 is class 0), like ImageNet's synsets.txt: the names are shown beside class indices.",
            HelpName = "FILE",
        };
        Shard = new Option<string?>("--shard")
        {
            Description = "Scan only shard I of N (0-based) and write its state for 'datascrub merge' (needs --json FILE); 'auto' takes I and N from a Kubernetes Indexed Job or a Slurm job array. See docs/scale-out.md.",
            HelpName = "I/N|auto",
        };
        Shard.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (text is not null && text != "auto" && Sharding.ShardSpec.TryParse(text) is null)
                result.AddError($"--shard: '{text}' is not I/N (0 <= I < N <= {Sharding.ShardSpec.MaxCount}) or 'auto'");
        });
        ShardCount = new Option<int?>("--shard-count")
        {
            Description = "With --shard auto in a Kubernetes Indexed Job: the number of shards (the Job's completions); else DATASCRUB_SHARD_COUNT.",
            HelpName = "N",
        };
        Resume = new Option<string?>("--resume")
        {
            Description = "Continue the interrupted scan whose JSON report this is (Ctrl-C, SIGTERM): scan what it did not, with the same datasets and options, and write the report of the whole scan.",
            HelpName = "REPORT",
        };
        NoDuplicates = new Option<bool>("--no-duplicates") { Description = "Do not look for duplicate samples (saves ~50 bytes per sample of memory)." };

        Scopes = new Dictionary<Option, OptionScope>
        {
            [Data] = OptionScope.Hdf5Inputs,
            [Label] = OptionScope.Hdf5Inputs,
            [Root] = OptionScope.ImageListfiles,
            [Masks] = OptionScope.ImageFolders,
            [MaxPixels] = OptionScope.Images,
            [CropSize] = OptionScope.Images,
            [SampleTimeout] = OptionScope.Images,
            [MeanFile] = OptionScope.TransformedInputs,
            [WriteMean] = OptionScope.Datums,
        };
    }

    /// <summary>Every option, for <c>scan</c>.</summary>
    public IEnumerable<Option> All => [Format, Json, Html, Markdown, Threads, FailOn, MaxFindings, Quiet, Progress, ProgressInterval, Color, Config, NoConfig,
        Data, Label, MaxPixels, CropSize, SampleTimeout, Root, NumClasses, ClassNames, BatchSizes, MaxMiss, Loss, IgnoreLabel, Severity, NoDuplicates,
        MeanFile, WriteMean, Masks, Baseline, FailOnNew, DriftThreshold, Shard, ShardCount, Resume];

    /// <summary>Options only a scan has: an exit code judged on the findings (and on what is new since a baseline), the
    /// mean file it writes, the mask folder it reads beside the images (a rebuild's one atomic rename cannot cover a
    /// second folder).</summary>
    public IEnumerable<Option> ScanOnly => [FailOn, WriteMean, Masks, Baseline, FailOnNew, DriftThreshold, Shard, ShardCount, Resume];

    /// <summary>The options <c>rebuild</c> takes: every scan option that changes what is judged bad, or how the run reports.</summary>
    public IEnumerable<Option> ForRebuild => All.Except(ScanOnly);

    /// <summary>The settings of a parsed command; options the command does not have keep their defaults.</summary>
    public ScanSettings Read(ParseResult parse, IReadOnlyList<string> paths) => ReadValues(parse, paths) with
    {
        Scoped = [.. Scopes.Where(s => parse.GetResult(s.Key) is { Implicit: false }).Select(s => new ScopedOption(s.Key.Name, s.Value))],
        Given = All.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToHashSet(),
    };

    private static T? ValueOrDefault<T>(ParseResult parse, Option<T> option, T? fallback = default) =>
        parse.CommandResult.Command.Options.Contains(option) ? parse.GetValue(option) : fallback;

    private ScanSettings ReadValues(ParseResult parse, IReadOnlyList<string> paths) => new(
        paths,
        parse.GetValue(Format)!,
        parse.GetValue(Json),
        parse.GetValue(Threads),
        ValueOrDefault(parse, FailOn) is { } failOn ? FailOnWords.Parse(failOn) : Cli.FailOn.Error,
        parse.GetValue(MaxFindings),
        parse.GetValue(Quiet),
        parse.GetValue(Data),
        parse.GetValue(Label),
        parse.GetValue(MaxPixels),
        parse.GetValue(CropSize),
        parse.GetValue(Root),
        parse.GetValue(NumClasses),
        parse.GetValue(BatchSizes),
        parse.GetValue(MaxMiss),
        !parse.GetValue(NoDuplicates),
        parse.GetValue(MeanFile),
        ValueOrDefault(parse, WriteMean),
        ValueOrDefault(parse, Masks))
    {
        Loss = parse.GetValue(Loss) == "batch-normalized" ? DataScrub.Analysis.LossKind.BatchNormalized : DataScrub.Analysis.LossKind.Softmax,
        IgnoreLabel = parse.GetValue(IgnoreLabel),
        SampleTimeout = TimeSpan.FromSeconds(parse.GetValue(SampleTimeout)),
        Severities = ParseSeverities(parse.GetValue(Severity), out _)!,
        Html = parse.GetValue(Html),
        ClassNamesFile = parse.GetValue(ClassNames),
        Markdown = parse.GetValue(Markdown),
        ConfigFile = parse.GetValue(Config),
        Baseline = ValueOrDefault(parse, Baseline),
        FailOnNew = ValueOrDefault(parse, FailOnNew),
        DriftThreshold = ValueOrDefault(parse, DriftThreshold, 0.05),
        Progress = parse.GetValue(Progress) ? TimeSpan.FromSeconds(parse.GetValue(ProgressInterval)) : null,
        Color = parse.GetValue(Color)!,
        ShardText = ValueOrDefault(parse, Shard),
        ShardCount = ValueOrDefault(parse, ShardCount),
        Resume = ValueOrDefault(parse, Resume),
    };

    /// <summary>"nan=warning" and "a=off,b=error" values → the policy; null with the reason on the first bad one.
    /// A kind named twice takes its last value, as later flags win.</summary>
    internal static DataScrub.Findings.SeverityPolicy? ParseSeverities(IEnumerable<string>? values, out string? error)
    {
        error = null;
        var overrides = new Dictionary<DataScrub.Findings.FindingKind, DataScrub.Findings.Severity?>();
        foreach (var part in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (DataScrub.Findings.SeverityPolicy.TryParse(part, out error) is not { } o) return null;
            overrides[o.Kind] = o.Severity;
        }
        return overrides.Count == 0 ? DataScrub.Findings.SeverityPolicy.Default : new DataScrub.Findings.SeverityPolicy { Overrides = overrides };
    }

    /// <summary>"32,64,256" → [32, 64, 256]; an error naming the element that is not a positive whole number.</summary>
    private static IReadOnlyList<int> ParseBatchSizes(System.CommandLine.Parsing.ArgumentResult result)
    {
        if (CommaList.Split(result, "--batch-size") is not { } parts) return [32];
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
            {
                result.AddError($"--batch-size: '{parts[i]}' is not a positive whole number");
                return [32];
            }
        }
        return sizes;
    }
}
