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
        var full = Path.GetFullPath(target);
        var temp = full + $".tmp-{Environment.ProcessId}";
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
                JsonReportWriter.Write(report, file);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
            throw new ReportWriteException($"cannot write the JSON report to {target}: {e.Message}", e);
        }
    }
}
