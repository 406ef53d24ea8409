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
    long MaxPixels = DataScrub.Checks.Images.ImageInspectionOptions.PilMaxPixels,
    int CropSize = 0,
    string? Root = null,
    long? NumClasses = null,
    IReadOnlyList<int>? BatchSizes = null,
    double MaxMissProbability = 0.001,
    bool Duplicates = true,
    string? MeanFile = null,
    string? WriteMean = null,
    string? Masks = null);
