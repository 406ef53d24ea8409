using DataScrub.Formats.Caffe.Definitions;
using DataScrub.Formats.Caffe.Lint;
using DataScrub.Reporting;

namespace DataScrub.Cli.Commands;

/// <summary>Runs <c>lint</c>: each file into its reports (a solver brings its train net), then the sinks and the exit
/// code, as a scan ends: 1 for findings at or above --fail-on, 3 when a file cannot be read or parsed.</summary>
internal sealed class LintRunner(CliStreams streams)
{
    public int Run(IReadOnlyList<string> files, ScanSettings settings, LintContext context)
    {
        if (settings.UnwritableOutput() is { } unwritable)
        {
            streams.Error.WriteLine($"datascrub: {unwritable}");
            return ExitCodes.Usage;
        }
        var (reports, unreadable) = Lint(files, settings, context);
        return Finish(streams, settings, reports, unreadable);
    }

    /// <summary>The reports of <paramref name="files"/>; a file that cannot be read is one stderr line and a report that says why.</summary>
    internal (List<DatasetReport> Reports, bool Unreadable) Lint(IEnumerable<string> files, ScanSettings settings, LintContext context, List<DefinitionLint>? lints = null)
    {
        var reports = new List<DatasetReport>();
        var unreadable = false;
        foreach (var file in files)
        {
            try
            {
                var lint = DefinitionLint.Of(file, context, settings.Severities);
                reports.AddRange(lint.Reports);
                if (lint.Unreadable is { } reason)
                {
                    streams.Error.WriteLine($"datascrub: {reason}");
                    unreadable = true;
                }
                lints?.Add(lint);
            }
            catch (CaffeDefinitionException e)
            {
                streams.Error.WriteLine($"datascrub: {e.Message}");
                reports.Add(DatasetReport.NotScanned(file, e.Message) with { Definition = true, Sections = [] });
                unreadable = true;
            }
        }
        return (reports, unreadable);
    }

    private static int Finish(CliStreams streams, ScanSettings settings, List<DatasetReport> reports, bool unreadable)
    {
        var exitCode = unreadable ? ExitCodes.Unreadable : reports.Any(r => settings.FailOn.Fails(r)) ? ExitCodes.Findings : ExitCodes.Clean;
        // No settings object: its fields (classes, batch sizes, loss) are a scan's; each definition's section says the
        // phase, and the findings carry the severities the user chose.
        var report = new ScanReport(Program.ToolName, exitCode, reports) { Version = Program.Version };
        foreach (var sink in ScanRunner.Sinks(streams, settings)) sink.Write(report);
        return exitCode;
    }
}
