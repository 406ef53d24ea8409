using DataScrub.Cli.Reporting.Html;
using DataScrub.Files;
using DataScrub.Reporting;

namespace DataScrub.Cli.Reporting;

/// <summary>Writes the HTML report (<see cref="HtmlReportWriter"/>) to a file, atomically (beside it, then renamed),
/// so a browser reloading the report never shows half of one. <c>-</c> writes it to stdout.</summary>
internal sealed class HtmlReportSink(CliStreams streams, string target) : IReportSink
{
    public void Write(ScanReport report)
    {
        if (target == "-")
        {
            HtmlReportWriter.Write(report, streams.StandardOutput);
            return;
        }
        try
        {
            AtomicFile.Write(target, file => HtmlReportWriter.Write(report, file));
        }
        catch (FileWriteException e)
        {
            throw new ReportWriteException($"cannot write the HTML report to {target}: {e.Reason}", e);
        }
    }
}
