namespace DataScrub.Rebuild;

/// <summary>
/// Writes one format's copy, given the surviving samples in storage order (the <see cref="RebuildLoop"/> skips the
/// dropped ones). A writer takes the raw key and record when the source's records are already its own (the
/// byte-identical fast path), and otherwise the sample's <see cref="WritableSample.Fields"/>, which the source's
/// format decodes. Disposing a writer that did not complete leaves its files for the caller to remove.
/// </summary>
public interface IDatasetWriter : IDisposable
{
    /// <exception cref="RebuildException">The sample cannot be written in this format.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    void Write(in WritableSample sample);

    /// <summary>Finishes the copy (flushed), after the last sample.</summary>
    RebuildOutput Complete();
}
