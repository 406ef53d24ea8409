using DataScrub.Formats;

namespace DataScrub.Rebuild;

/// <summary>
/// Writes a format's cleaned copy: every sample of the source except the dropped ones, in storage order,
/// byte-identical (same keys and values, same files, same rows). Knows the format, never the checks.
/// </summary>
public interface IDatasetRebuilder
{
    /// <param name="plan">Source, dropped samples, order; <see cref="RebuildPlan.Destination"/> is an existing, empty directory.</param>
    /// <exception cref="IOException">Writing failed (disk full, permissions); the caller removes the destination.</exception>
    /// <exception cref="RebuildException">This format cannot be written from the plan's source format or order.</exception>
    RebuildOutput Write(RebuildPlan plan, CancellationToken cancellationToken);
}

/// <summary>What a rebuilder wrote.</summary>
/// <param name="Written">Samples written.</param>
/// <param name="ScanPath">What to open, relative to the destination, to read the copy back ("" = the
/// destination itself; a listfile or HDF5 source list by its name).</param>
/// <param name="Notes">Conversions the format could not avoid (HDF5 deflate levels, byte order).</param>
public sealed record RebuildOutput(long Written, string ScanPath, IReadOnlyList<string> Notes);
