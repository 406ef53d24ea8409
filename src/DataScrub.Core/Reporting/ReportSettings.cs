using DataScrub.Analysis;
using DataScrub.Findings;

namespace DataScrub.Reporting;

/// <summary>What the run was told that changes verdicts, recorded so a report can be read without its command line:
/// K (null when inferred per dataset; each dataset's <c>labels</c> say how), the batch sizes, the loss, the ignore
/// label and the user's severity overrides; and, for the record, every option's value, the configuration file the
/// values came from and the image decoders that judged the images.</summary>
public sealed record ReportSettings(long? NumClasses, IReadOnlyList<int> BatchSizes, LossKind Loss, long? IgnoreLabel, SeverityPolicy Severities)
{
    /// <summary>Every option the run took, as the command line and a configuration file name it (<c>batch-size</c>),
    /// with its value: a string, a whole or real number, a boolean, or a list of strings or numbers; null when unset.
    /// In command-line order of definition; the object written is itself a valid configuration file.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Options { get; init; } = [];

    /// <summary>The configuration file the options were read from (<c>--config</c>, or <c>datascrub.json</c> beside the
    /// dataset), or null when none was used.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Image container → the decoder that judges it (<c>jpeg</c> → <c>libjpeg-turbo</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Decoders { get; init; } = [];

    public static ReportSettings From(AnalysisOptions analysis, SeverityPolicy severities) =>
        new(analysis.NumClasses, analysis.BatchSizes, analysis.Loss, analysis.IgnoreLabel, severities);
}
