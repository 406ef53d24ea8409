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
        return null;
    }

    public ReaderOptions ToReaderOptions() => new(DataNames, LabelName, Root, Masks);

    public ScrubOptions ToScrubOptions(MeanImage? referenceMean) => new()
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
        },
    };

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
