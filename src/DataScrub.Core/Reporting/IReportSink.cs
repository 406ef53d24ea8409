namespace DataScrub.Reporting;

/// <summary>
/// Where a finished report goes: the console summary, the JSON report (later HTML, markdown). Every sink renders the
/// same report model; an analysis's section renders itself (<see cref="IReportSection"/>), so a new analysis needs no
/// change to a sink, and a new sink none to the analyses.
/// </summary>
public interface IReportSink
{
    void Write(ScanReport report);
}
