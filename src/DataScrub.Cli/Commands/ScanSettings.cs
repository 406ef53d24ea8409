using DataScrub.Analysis;
using DataScrub.Analysis.Statistics;
using DataScrub.Formats;
using DataScrub.Images;
using DataScrub.Pipeline;

namespace DataScrub.Cli.Commands;

/// <summary>The parsed options of <c>datascrub scan</c>.</summary>
public sealed record ScanSettings(
    IReadOnlyList<string> Paths,
    string Format,
    string? Json,
    int Threads,
    FailOn FailOn,
    int MaxFindings,
    bool Quiet,
    IReadOnlyList<string>? DataNames = null,
    string? LabelName = null,
    long MaxPixels = ImageInspectionOptions.PilMaxPixels,
    int CropSize = 0,
    string? Root = null,
    long? NumClasses = null,
    IReadOnlyList<int>? BatchSizes = null,
    double MaxMissProbability = 0.001,
    bool Duplicates = true,
    string? MeanFile = null,
    string? WriteMean = null,
    string? Masks = null)
{
    /// <summary>How the loss treats a batch's classes (<c>--loss</c>).</summary>
    public DataScrub.Analysis.LossKind Loss { get; init; } = DataScrub.Analysis.LossKind.Softmax;

    /// <summary>How long one image's decode may take (<c>--sample-timeout</c>; zero: no limit).</summary>
    public TimeSpan SampleTimeout { get; init; } = ImageInspectionOptions.DefaultSampleTimeout;

    /// <summary>Caffe's ignore_label (<c>--ignore-label</c>).</summary>
    public long? IgnoreLabel { get; init; }

    /// <summary>The user's severity overrides (<c>--severity</c>).</summary>
    public DataScrub.Findings.SeverityPolicy Severities { get; init; } = DataScrub.Findings.SeverityPolicy.Default;

    /// <summary>The class-names file (<c>--class-names</c>), or null.</summary>
    public string? ClassNamesFile { get; init; }

    /// <summary>Where the HTML report goes (<c>--html</c>), or null.</summary>
    public string? Html { get; init; }

    /// <summary>Where the markdown summary goes (<c>--markdown</c>; "-" is stdout), or null.</summary>
    public string? Markdown { get; init; }

    /// <summary>The configuration file the options came from (named, or found beside the dataset), or null.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The accepted report to compare with (<c>--baseline</c>), or null.</summary>
    public string? Baseline { get; init; }

    /// <summary>Exit 1 only for what is new since <see cref="Baseline"/> (<c>--fail-on-new</c>).</summary>
    public bool FailOnNew { get; init; }

    /// <summary>The label histogram's total variation distance from the baseline's above which it has drifted.</summary>
    public double DriftThreshold { get; init; } = 0.05;

    /// <summary>How often <c>--progress</c> prints a line; null without it.</summary>
    public TimeSpan? Progress { get; init; }

    /// <summary><c>--color</c>: auto, always or never.</summary>
    public string Color { get; init; } = "auto";

    /// <summary><c>--shard</c> as given: <c>I/N</c> or <c>auto</c>; null for a whole scan.</summary>
    public string? ShardText { get; init; }

    /// <summary><c>--resume</c>: the JSON report of an interrupted scan to continue; null for a new scan.</summary>
    public string? Resume { get; init; }

    /// <summary><c>--shard-count</c>: N for <c>--shard auto</c> in a Kubernetes Indexed Job.</summary>
    public int? ShardCount { get; init; }

    /// <summary>
    /// The verdict-shaping options (<see cref="RecordedOptions"/>) as command-line words: a shard keeps them in its
    /// state so that <c>merge</c> judges with exactly the shard's options (and records them as the scan would).
    /// </summary>
    public IReadOnlyList<string> VerdictWords()
    {
        var words = new List<string>();
        foreach (var (name, value) in RecordedOptions(scan: true))
        {
            var option = "--" + name;
            switch (value)
            {
                case null or false: break;
                case true: words.Add(option); break;
                case string text: words.Add($"{option}={text}"); break;
                case double real: words.Add($"{option}={real.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"); break;
                case IEnumerable<int> numbers: words.Add($"{option}={string.Join(',', numbers)}"); break;
                case IEnumerable<string> texts when name == "severity": words.AddRange(texts.Select(t => $"{option}={t}")); break;
                case IEnumerable<string> texts: words.Add($"{option}={string.Join(',', texts)}"); break;
                case IFormattable number: words.Add($"{option}={number.ToString(null, System.Globalization.CultureInfo.InvariantCulture)}"); break;
                default: throw new InvalidOperationException($"option {name} has a value of type {value.GetType().Name}");
            }
        }
        return words;
    }

    /// <summary>The options given on the command line or by a configuration file (their names, <c>--crop-size</c>):
    /// <c>scan --net</c> takes from the net only what these leave unset.</summary>
    internal IReadOnlySet<string> Given { get; init; } = new HashSet<string>();

    /// <summary><c>--net</c>: the Caffe net or solver whose data layers say what to scan and how; null without it.</summary>
    public string? Net { get; init; }

    /// <summary>--phase or --workdir was given (they go with --net).</summary>
    internal bool GivenDefinitionOptions { get; init; }

    /// <summary>Where the net's relative paths resolve and which phase is scanned (<c>--workdir</c>, <c>--phase</c>).</summary>
    public Formats.Caffe.Lint.LintContext? NetContext { get; init; }

    /// <summary>The options given that apply only to some datasets.</summary>
    internal IReadOnlyList<CommandLine.ScopedOption> Scoped { get; init; } = [];

    /// <summary>Why an option given cannot apply to any of these datasets (one line), or null.</summary>
    internal string? InapplicableOption(IReadOnlyList<(string Path, IDatasetFormat Format)> datasets) =>
        Scoped.Select(o => o.Scope.Refusal(o.Name, datasets)).FirstOrDefault(r => r is not null);

    /// <summary>Why a file this run would write cannot be written (one line naming the option), or null; checked
    /// before the scan rather than after it.</summary>
    internal string? UnwritableOutput()
    {
        if (Json is not (null or "-") && Files.OutputLocation.WhyNotAFile(Json) is { } json) return $"--json {Json}: {json}";
        if (WriteMean is not null && Files.OutputLocation.WhyNotAFile(WriteMean) is { } mean) return $"--write-mean {WriteMean}: {mean}";
        if (Html is not (null or "-") && Files.OutputLocation.WhyNotAFile(Html) is { } html) return $"--html {Html}: {html}";
        if (Markdown is not (null or "-") && Files.OutputLocation.WhyNotAFile(Markdown) is { } markdown) return $"--markdown {Markdown}: {markdown}";
        var toStdout = new[] { ("--json", Json), ("--html", Html), ("--markdown", Markdown) }.Where(o => o.Item2 == "-").Select(o => o.Item1).ToList();
        if (toStdout.Count > 1) return $"{string.Join(" - and ", toStdout)} - all write to stdout: send all but one to files";
        return null;
    }

    /// <summary>Why options given together make no sense (one line), or null.</summary>
    internal string? Contradiction() =>
        FailOnNew && Baseline is null ? "--fail-on-new needs --baseline OLD.json (what is new is judged against it)" : null;

    /// <summary>
    /// The options that shape the verdicts and the exit code, by their command-line names, for the report: what the
    /// run judged with, whether it came from a flag, a configuration file or a default. Where the reports go, the
    /// thread count and the console's look are left out: they change no verdict (the report is the same for any -j).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object?>> RecordedOptions(bool scan) =>
    [
        new("format", Format),
        new("data", DataNames),
        new("label", LabelName),
        new("root", Root),
        new("masks", Masks),
        new("max-pixels", MaxPixels),
        new("crop-size", CropSize),
        new("sample-timeout", SampleTimeout.TotalSeconds),
        new("num-classes", NumClasses),
        new("class-names", ClassNamesFile),
        new("batch-size", BatchSizes ?? [32]),
        new("max-miss-probability", MaxMissProbability),
        new("loss", Loss == DataScrub.Analysis.LossKind.BatchNormalized ? "batch-normalized" : "softmax"),
        new("ignore-label", IgnoreLabel),
        new("severity", Severities.Overrides.OrderBy(o => DataScrub.Findings.FindingKinds.OrderOf(o.Key))
            .Select(o => $"{o.Key.Name}={DataScrub.Findings.SeverityPolicy.Word(o.Value)}").ToList()),
        new("no-duplicates", !Duplicates),
        new("mean-file", MeanFile),
        new("max-findings", MaxFindings),
        .. Net is null
            ? []
            : new KeyValuePair<string, object?>[]
            {
                new("net", Net),
                new("phase", NetContext?.Phase == Formats.Caffe.Proto.Phase.Test ? "test" : "train"),
                new("workdir", NetContext?.WorkDirectory),
            },
        .. scan
            ? new KeyValuePair<string, object?>[]
            {
                new("fail-on", FailOnWords.Of(FailOn)),
                new("baseline", Baseline),
                new("fail-on-new", FailOnNew),
                new("drift-threshold", DriftThreshold),
            }
            : [],
    ];

    public ReaderOptions ToReaderOptions(Sharding.ShardSpec? shard = null) =>
        new(DataNames, LabelName, Root, Masks, shard) { WorkingDirectory = NetContext?.WorkDirectory };

    /// <param name="shard">The scan is one shard (<c>--shard</c>): the analyses keep what the merge needs.</param>
    public ScrubOptions ToScrubOptions(MeanImage? referenceMean, IReadOnlyDictionary<string, long>? classNames = null, bool shard = false) => new()
    {
        Threads = Threads,
        MaxFindingsPerKind = MaxFindings,
        Checks = StandardChecks.Create(new ImageInspectionOptions(MaxPixels, CropSize) { SampleTimeout = SampleTimeout }, NumClasses, IgnoreLabel),
        Severities = Severities,
        Analysis = new AnalysisOptions
        {
            NumClasses = NumClasses,
            BatchSizes = BatchSizes ?? [32],
            MaxMissProbability = MaxMissProbability,
            Duplicates = Duplicates,
            ComputeMeanImage = WriteMean is not null,
            ReferenceMean = referenceMean,
            Loss = Loss,
            IgnoreLabel = IgnoreLabel,
            ClassNames = classNames,
            Shard = shard,
        },
    };

    /// <summary>Reads <see cref="ClassNamesFile"/> when given; false (after one stderr line) when it is unusable.</summary>
    public bool TryReadClassNames(CliStreams streams, out IReadOnlyDictionary<string, long>? names)
    {
        names = null;
        if (ClassNamesFile is null) return true;
        try
        {
            names = Configuration.ClassNamesFile.Read(ClassNamesFile);
            return true;
        }
        catch (Configuration.ConfigFileException e)
        {
            streams.Error.WriteLine($"datascrub: {e.Message}");
            return false;
        }
    }

    /// <summary>Reads <see cref="MeanFile"/> when given; false (after one stderr line) when it is unusable.</summary>
    public bool TryReadMeanFile(CliStreams streams, out MeanImage? mean)
    {
        mean = null;
        if (MeanFile is null) return true;
        try
        {
            mean = Formats.Caffe.CaffeMeanFile.Read(MeanFile);
            return true;
        }
        catch (DataScrubException e)
        {
            streams.Error.WriteLine($"datascrub: --mean-file {e.Message}");
            return false;
        }
    }
}
