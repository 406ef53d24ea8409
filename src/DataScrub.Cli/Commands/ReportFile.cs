using DataScrub.Files;
using DataScrub.Reporting;

namespace DataScrub.Cli.Commands;

/// <summary>Writes the JSON report to stdout (<c>-</c>) or to a file, atomically (beside it, then renamed),
/// so a reader of the report never sees half of one.</summary>
internal static class ReportFile
{
    public static void Write(CliStreams streams, ScanReport report, string target)
    {
        if (target == "-")
        {
            JsonReportWriter.Write(report, streams.StandardOutput);
            streams.StandardOutput.Flush();
            return;
        }
        try
        {
            AtomicFile.Write(target, file => JsonReportWriter.Write(report, file));
        }
        catch (FileWriteException e)
        {
            throw new ReportWriteException($"cannot write the JSON report to {target}: {e.Reason}", e);
        }
    }
}
