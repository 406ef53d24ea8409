using System.Text.Json;
using DataScrub.Reporting;

namespace DataScrub.Analysis.Profile;

/// <summary>NaN and Inf in one channel of the data: how many samples had any, and how many values.</summary>
public sealed record ChannelNonFinite(int Channel, long Samples, long NanValues, long InfValues);

/// <summary>Samples of one class whose data held NaN or Inf.</summary>
public sealed record ClassNonFinite(long Class, long Samples, long NonFiniteSamples);

/// <summary>One stretch of storage order: samples [<see cref="FirstIndex"/>, <see cref="FirstIndex"/> + <see cref="Samples"/>),
/// the keys it starts and ends with, and how many of its samples had a finding at error and at warning level.</summary>
/// <remarks><see cref="ErrorSamples"/>: samples with at least one error; <see cref="WarningSamples"/>: samples with
/// warnings only (so the two add up to the samples with any finding). Severities as the report gives them.</remarks>
public sealed record StorageRange(long FirstIndex, long Samples, string FirstKey, string LastKey, long ErrorSamples, long WarningSamples);

/// <summary>One source file of the dataset (an HDF5 file of a list, an image folder's class folder): its samples and
/// how many had a finding.</summary>
/// <remarks>As in <see cref="StorageRange"/>: error samples, then samples with warnings only.</remarks>
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
/// <param name="NonFiniteByChannel">Channels of the input data with NaN/Inf: the 256 with the most such samples, by channel.</param>
/// <param name="NonFiniteByClass">Classes with NaN/Inf samples: the 256 with the most, by label.</param>
/// <param name="FindingsByRange">Storage order in at most 128 ranges of <see cref="RangeWidth"/> samples (the last may be shorter).</param>
/// <param name="FindingsByFile">The 256 source files with the most samples with findings, in storage order; empty for a
/// single store (LMDB, LevelDB) and past 65,536 files.</param>
/// <param name="Coverage">Per batch size, the distinct classes of storage-order batches in at most 256 points.</param>
public sealed record ProfileSection(
    IReadOnlyList<ChannelNonFinite> NonFiniteByChannel,
    IReadOnlyList<ClassNonFinite> NonFiniteByClass,
    IReadOnlyList<StorageRange> FindingsByRange,
    IReadOnlyList<FileFindings> FindingsByFile,
    IReadOnlyList<BatchCoverage> Coverage) : IReportSection
{
    /// <summary>Samples whose data held NaN or Inf, labelled or not.</summary>
    public long NonFiniteSamples { get; init; }

    /// <summary>Channels with NaN/Inf in some sample (<see cref="NonFiniteByChannel"/> lists at most 256).</summary>
    public int NonFiniteChannels { get; init; }

    /// <summary>Classes with a NaN/Inf sample (<see cref="NonFiniteByClass"/> lists at most 256).</summary>
    public long NonFiniteClasses { get; init; }

    /// <summary>Samples per range of <see cref="FindingsByRange"/>: a power of two.</summary>
    public long RangeWidth { get; init; } = 1;

    /// <summary>Distinct source files: 0 when the format has none per sample (LMDB, LevelDB), null past 65,536.</summary>
    public long? Files { get; init; }

    public string Name => "profile";

    public int Order => 500;

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject(Name);
        json.WriteNumber("nonFiniteSamples", NonFiniteSamples);
        json.WriteNumber("nonFiniteChannels", NonFiniteChannels);
        json.WriteStartArray("nonFiniteByChannel");
        foreach (var c in NonFiniteByChannel)
        {
            json.WriteStartObject();
            json.WriteNumber("channel", c.Channel);
            json.WriteNumber("samples", c.Samples);
            json.WriteNumber("nanValues", c.NanValues);
            json.WriteNumber("infValues", c.InfValues);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("nonFiniteClasses", NonFiniteClasses);
        json.WriteStartArray("nonFiniteByClass");
        foreach (var c in NonFiniteByClass)
        {
            json.WriteStartObject();
            json.WriteNumber("class", c.Class);
            json.WriteNumber("samples", c.Samples);
            json.WriteNumber("nonFiniteSamples", c.NonFiniteSamples);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("rangeWidth", RangeWidth);
        json.WriteStartArray("findingsByRange");
        foreach (var r in FindingsByRange)
        {
            json.WriteStartObject();
            json.WriteNumber("firstIndex", r.FirstIndex);
            json.WriteNumber("samples", r.Samples);
            json.WriteString("firstKey", r.FirstKey);
            json.WriteString("lastKey", r.LastKey);
            json.WriteNumber("errorSamples", r.ErrorSamples);
            json.WriteNumber("warningSamples", r.WarningSamples);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (Files is { } files) json.WriteNumber("files", files);
        else json.WriteNull("files");
        json.WriteStartArray("findingsByFile");
        foreach (var f in FindingsByFile)
        {
            json.WriteStartObject();
            json.WriteString("file", f.File);
            json.WriteNumber("samples", f.Samples);
            json.WriteNumber("errorSamples", f.ErrorSamples);
            json.WriteNumber("warningSamples", f.WarningSamples);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("coverage");
        foreach (var b in Coverage)
        {
            json.WriteStartObject();
            json.WriteNumber("batchSize", b.BatchSize);
            json.WriteNumber("numClasses", b.NumClasses);
            json.WriteStartArray("points");
            foreach (var p in b.Points)
            {
                json.WriteStartObject();
                json.WriteNumber("firstBatch", p.FirstBatch);
                json.WriteNumber("batches", p.Batches);
                json.WriteNumber("minClasses", p.MinClasses);
                json.WriteNumber("meanClasses", p.MeanClasses);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Nothing: the profile is for pictures and machines; the console summary already counts the findings.</summary>
    public void WriteConsole(TextWriter output)
    {
    }
}
