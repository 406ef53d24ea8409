using DataScrub.Formats;
using DataScrub.Pipeline;
using DataScrub.Reporting;

namespace DataScrub.Cli.Commands;

/// <summary>Runs one <c>scan</c>: each path in turn, then the summary, the JSON report and the exit code.</summary>
internal sealed class ScanRunner(CliStreams streams, FormatRegistry registry)
{
    public int Run(ScanSettings settings)
    {
        if (settings.WriteMean is not null && settings.Paths.Count != 1)
        {
            streams.Error.WriteLine("datascrub: --write-mean takes exactly one dataset");
            return ExitCodes.Usage;
        }
        if (!settings.TryReadMeanFile(streams, out var referenceMean)) return ExitCodes.Usage;
        var options = settings.ToScrubOptions(referenceMean);
        var reports = new List<DatasetReport>();
        var unreadable = false;
        foreach (var path in settings.Paths)
        {
            streams.Cancellation.ThrowIfCancellationRequested();
            try
            {
                reports.Add(ScanOne(path, settings, options));
            }
            catch (DatasetUnreadableException e)
            {
                unreadable = true;
                streams.Error.WriteLine($"datascrub: {e.Message}");
                reports.Add(new DatasetReport { Path = path, Error = e.Reason });
            }
        }

        if (settings.WriteMean is not null && reports is [{ Error: null } scanned])
        {
            if (scanned.MeanImage is not { } mean)
            {
                streams.Error.WriteLine($"datascrub: --write-mean: {scanned.Path} has no sample with a declared C x H x W (raw or float Datums), so it has no mean image");
                unreadable = true;
            }
            else
            {
                try
                {
                    DataScrub.Formats.Caffe.CaffeMeanFile.Write(settings.WriteMean, mean);
                }
                catch (DataScrubException e)
                {
                    streams.Error.WriteLine($"datascrub: --write-mean {e.Message}");
                    unreadable = true;
                }
            }
        }

        var exitCode = unreadable ? ExitCodes.Unreadable
            : reports.Any(r => settings.FailOn.Fails(r)) ? ExitCodes.Findings
            : ExitCodes.Clean;
        var report = new ScanReport(Program.ToolName, exitCode, reports) { Settings = ReportSettings.From(options.Analysis, options.Severities) };

        var jsonToStdout = settings.Json == "-";
        if (!settings.Quiet)
            ConsoleReportWriter.Write(report, jsonToStdout ? streams.Error : streams.Out);
        if (settings.Json is not null)
            WriteJson(report, settings.Json);
        return exitCode;
    }

    private DatasetReport ScanOne(string path, ScanSettings settings, ScrubOptions options)
    {
        var format = registry.Resolve(path, settings.Format);
        using var reader = format.OpenReader(path, settings.ToReaderOptions());
        var progress = new ScanProgress();
        using var line = new ProgressLine(streams.Error, path, progress, enabled: streams.ErrorIsTerminal && !settings.Quiet);
        return ScrubPipeline.Run(reader, options, progress, streams.Cancellation);
    }

    private void WriteJson(ScanReport report, string target) => ReportFile.Write(streams, report, target);
}
