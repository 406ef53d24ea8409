using DataScrub.Reporting;

namespace DataScrub.Cli.Reporting;

/// <summary>Writes the markdown summary (<see cref="MarkdownReportWriter"/>) to stdout (<c>-</c>, to append to
/// <c>$GITHUB_STEP_SUMMARY</c>) or to a file, atomically.</summary>
internal sealed class MarkdownReportSink(CliStreams streams, string target) : IReportSink
{
    public void Write(ScanReport report)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(MarkdownReportWriter.ToMarkdown(report));
        ReportTarget.Write(streams, target, "markdown summary", output => output.Write(bytes));
    }
}
