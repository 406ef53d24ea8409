using DataScrub.Files;

namespace DataScrub.Cli.Reporting;

/// <summary>Where a report file goes: stdout for <c>-</c>, else the file, written atomically (beside it, then renamed)
/// so a reader never sees half of one. A failure names the report and the file, never the temporary.</summary>
internal static class ReportTarget
{
    public static void Write(CliStreams streams, string target, string report, Action<Stream> write)
    {
        if (target == "-")
        {
            write(streams.StandardOutput);
            streams.StandardOutput.Flush();
            return;
        }
        try
        {
            AtomicFile.Write(target, write);
        }
        catch (FileWriteException e)
        {
            throw new ReportWriteException($"cannot write the {report} to {target}: {e.Reason}", e);
        }
    }
}
