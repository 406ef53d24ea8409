using DataScrub.Cli.Reporting.Html;
using DataScrub.Reporting;

namespace DataScrub.Cli.Reporting;

/// <summary>Writes the HTML report (<see cref="HtmlReportWriter"/>) to a file, atomically, so a browser reloading the
/// report never shows half of one; <c>-</c> writes it to stdout.</summary>
internal sealed class HtmlReportSink(CliStreams streams, string target) : IReportSink
{
    public void Write(ScanReport report) =>
        ReportTarget.Write(streams, target, "HTML report", output => HtmlReportWriter.Write(report, output));
}
