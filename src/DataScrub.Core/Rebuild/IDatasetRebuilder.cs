using DataScrub.Formats;

namespace DataScrub.Rebuild;

/// <summary>
/// What a format does in a rebuild. As the target: refuses what it cannot write, previews, and creates the
/// <see cref="IDatasetWriter"/> the <see cref="RebuildLoop"/> feeds (byte-identical for its own records: same keys
/// and values, same files, same rows). As the source: decodes its records into <see cref="DatumFields"/> for
/// another format's writer, and names the files its samples lie in. Knows the format, never the checks.
/// The engine asks <see cref="Refusal"/> before the scan, <see cref="Preview"/> after it (also for a dry
/// run), and only then <see cref="CreateWriter"/>.
/// </summary>
public interface IDatasetRebuilder
{
    /// <summary>Why this format cannot be written from a <paramref name="sourceFormat"/> dataset at
    /// <paramref name="source"/> (in a shuffled order, with <paramref name="shuffle"/>); null when it can.
    /// Asked before the scan, so that an impossible request costs no scan.</summary>
    RebuildRefusal? Refusal(IDatasetFormat sourceFormat, string source, bool shuffle);

    /// <summary>What the copy will not keep as it was (the same notes the writer returns), from the
    /// source's metadata, without writing.</summary>
    /// <exception cref="RebuildException">Part of the source cannot be copied at all (an HDF5 filter DataScrub cannot decode).</exception>
    IReadOnlyList<string> Preview(RebuildPlan plan);

    /// <param name="plan">Source, dropped positions and files, order; <see cref="RebuildPlan.Destination"/> is an existing, empty directory.</param>
    /// <exception cref="IOException">Writing failed (disk full, permissions); the caller removes the destination.</exception>
    IDatasetWriter CreateWriter(RebuildPlan plan);

    /// <summary>When this format is the source: one of its records as Datum fields, for a writer of another format.</summary>
    /// <exception cref="RebuildException">The record cannot be one (not a Datum, a dtype a Datum cannot hold).</exception>
    DatumFields ToDatumFields(in Samples.Sample sample);

    /// <summary>When this format is the source: the file of the source a sample (by its id) belongs to, for
    /// sources whose files can be left out whole (an HDF5 list's files); null for formats that keep no files
    /// of samples.</summary>
    Func<string, string?>? FileOfSample { get; }
}

/// <summary>What a rebuilder wrote.</summary>
/// <param name="Written">Samples written.</param>
/// <param name="ScanPath">What to open, relative to the destination, to read the copy back ("" = the
/// destination itself; a listfile or HDF5 source list by its name).</param>
/// <param name="Notes">Conversions the format could not avoid (HDF5 deflate levels, byte order).</param>
public sealed record RebuildOutput(long Written, string ScanPath, IReadOnlyList<string> Notes);
