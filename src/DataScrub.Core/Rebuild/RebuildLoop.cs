using DataScrub.Formats;

namespace DataScrub.Rebuild;

/// <summary>
/// The one rebuild loop: streams the source's samples again in storage order, skips the plan's dropped positions
/// and hands the survivors to the target's writer, then completes it. A writer that copies the source's files
/// itself (<see cref="ISourceCopyWriter"/>) is asked to, and no sample is read.
/// </summary>
public static class RebuildLoop
{
    /// <exception cref="IOException">Writing failed.</exception>
    /// <exception cref="RebuildException">A sample cannot be written in the target's format.</exception>
    public static RebuildOutput Run(RebuildPlan plan, IDatasetWriter writer, CancellationToken cancellationToken)
    {
        if (writer is ISourceCopyWriter copier) return copier.CopySource(cancellationToken);
        var drops = plan.Drops;
        using (var reader = plan.SourceFormat.OpenReader(plan.Source, plan.Options))
        {
            long position = 0;
            foreach (var sample in reader.ReadSamples(cancellationToken))
            {
                try
                {
                    if (drops.Contains(sample.Index)) continue;
                    writer.Write(new WritableSample(sample, position++, plan.SourceFormat));
                }
                finally
                {
                    sample.Lease?.Release();
                }
            }
        }
        return writer.Complete();
    }
}
