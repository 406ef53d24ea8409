using DataScrub.Files;
using DataScrub.Reporting;

namespace DataScrub.Cli.Reporting;

/// <summary>Writes the JSON report (<see cref="JsonReportWriter"/>) to stdout (<c>-</c>) or to a file, atomically
/// (beside it, then renamed), so a reader of the report never sees half of one.</summary>
internal sealed class JsonReportSink(CliStreams streams, string target) : IReportSink
{
    public void Write(ScanReport report)
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
