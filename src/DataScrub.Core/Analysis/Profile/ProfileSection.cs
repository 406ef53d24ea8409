using System.Text.Json;
using DataScrub.Reporting;

namespace DataScrub.Analysis.Profile;

/// <summary>NaN and Inf in one channel of the data: how many samples had any, and how many values.</summary>
public sealed record ChannelNonFinite(int Channel, long Samples, long NanValues, long InfValues);

/// <summary>Samples of one class whose data held NaN or Inf.</summary>
public sealed record ClassNonFinite(long Class, long Samples, long NonFiniteSamples);

/// <summary>One stretch of storage order: samples [<see cref="FirstIndex"/>, <see cref="FirstIndex"/> + <see cref="Samples"/>),
/// the keys it starts and ends with, and how many of its samples had a finding at error and at warning level.</summary>
public sealed record StorageRange(long FirstIndex, long Samples, string FirstKey, string LastKey, long ErrorSamples, long WarningSamples);

/// <summary>One source file of the dataset (an HDF5 file of a list, an image folder's class folder): its samples and
/// how many had a finding.</summary>
public sealed record FileFindings(string File, long Samples, long ErrorSamples, long WarningSamples);

/// <summary>How many classes the batches of one size hold, read in storage order: each point is a run of
/// consecutive batches (<see cref="FirstBatch"/>, <see cref="Batches"/> of them) with the fewest and the mean
/// number of distinct classes among them.</summary>
public sealed record BatchCoveragePoint(long FirstBatch, long Batches, int MinClasses, double MeanClasses);

/// <summary>Class coverage of storage-order batches of one batch size, against K.</summary>
public sealed record BatchCoverage(int BatchSize, long NumClasses, IReadOnlyList<BatchCoveragePoint> Points);

/// <summary>
/// The <c>profile</c> section: where in the dataset the problems are, for pictures (the HTML report) and for
/// comparisons with a baseline. Every list is bounded (at most a few hundred entries) whatever the dataset size.
/// </summary>
public sealed record ProfileSection(
    IReadOnlyList<ChannelNonFinite> NonFiniteByChannel,
    IReadOnlyList<ClassNonFinite> NonFiniteByClass,
    IReadOnlyList<StorageRange> FindingsByRange,
    IReadOnlyList<FileFindings> FindingsByFile,
    IReadOnlyList<BatchCoverage> Coverage) : IReportSection
{
    public string Name => "profile";

    public int Order => 500;

    public void WriteJson(Utf8JsonWriter json)
    {
        // Written by the analysis that produces this section (issue 15's report-data work).
        json.WriteStartObject(Name);
        json.WriteEndObject();
    }

    public void WriteConsole(TextWriter output)
    {
    }
}
