using DataScrub.Cli.Reporting;
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
        if (settings.UnwritableOutput() is { } unwritable)
        {
            streams.Error.WriteLine($"datascrub: {unwritable}");
            return ExitCodes.Usage;
        }
        // Every format first (detection is cheap): an option that applies to none of them is refused before
        // anything is scanned.
        var datasets = settings.Paths.Select(path => Resolve(path, settings.Format)).ToList();
        if (settings.InapplicableOption([.. datasets.Where(d => d.Format is not null).Select(d => (d.Path, d.Format!))]) is { } refusal)
        {
            streams.Error.WriteLine($"datascrub: {refusal}");
            return ExitCodes.Usage;
        }
        if (!settings.TryReadMeanFile(streams, out var referenceMean)) return ExitCodes.Usage;
        var options = settings.ToScrubOptions(referenceMean);
        var reports = new List<DatasetReport>();
        var unreadable = false;
        void Unreadable(string path, DatasetUnreadableException e)
        {
            unreadable = true;
            streams.Error.WriteLine($"datascrub: {UnreadableDatasetText.Message(e)}");
            reports.Add(DatasetReport.NotScanned(path, UnreadableDatasetText.Reason(e)));
        }
        foreach (var (path, format, error) in datasets)
        {
            streams.Cancellation.ThrowIfCancellationRequested();
            if (error is not null)
            {
                Unreadable(path, error);
                continue;
            }
            try
            {
                reports.Add(ScanOne(path, format!, settings, options));
            }
            catch (DatasetUnreadableException e)
            {
                Unreadable(path, e);
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

        foreach (var sink in Sinks(settings)) sink.Write(report);
        return exitCode;
    }

    private (string Path, IDatasetFormat? Format, DatasetUnreadableException? Error) Resolve(string path, string format)
    {
        try
        {
            return (path, registry.Resolve(path, format), null);
        }
        catch (DatasetUnreadableException e)
        {
            return (path, null, e);
        }
    }

    private DatasetReport ScanOne(string path, IDatasetFormat format, ScanSettings settings, ScrubOptions options)
    {
        using var reader = format.OpenReader(path, settings.ToReaderOptions());
        var progress = new ScanProgress();
        using var line = new ProgressLine(streams.Error, path, progress, enabled: streams.ErrorIsTerminal && !settings.Quiet);
        return ScrubPipeline.Run(reader, options, progress, streams.Cancellation);
    }

    /// <summary>Where the report goes: the console summary (to stderr when the JSON takes stdout), the JSON report.</summary>
    private IEnumerable<IReportSink> Sinks(ScanSettings settings)
    {
        if (!settings.Quiet) yield return new ConsoleReportSink(settings.Json == "-" ? streams.Error : streams.Out);
        if (settings.Json is not null) yield return new JsonReportSink(streams, settings.Json);
    }
}
