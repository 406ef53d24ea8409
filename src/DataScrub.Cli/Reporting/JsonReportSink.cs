using DataScrub.Reporting;

namespace DataScrub.Cli.Reporting;

/// <summary>Writes the JSON report (<see cref="JsonReportWriter"/>) to stdout (<c>-</c>) or to a file, atomically
/// (beside it, then renamed), so a reader of the report never sees half of one.</summary>
internal sealed class JsonReportSink(CliStreams streams, string target) : IReportSink
{
    public void Write(ScanReport report) =>
        ReportTarget.Write(streams, target, "JSON report", output => JsonReportWriter.Write(report, output));
}
