using System.Runtime.InteropServices;
using DataScrub.Cli.Reporting;
using DataScrub.Cli.Testing;
using DataScrub.Formats;
using DataScrub.Pipeline;
using DataScrub.Reporting;
using DataScrub.Reporting.Baseline;
using DataScrub.Samples;
using DataScrub.Sharding;

namespace DataScrub.Cli.Commands;

/// <summary>
/// A whole scan (no <c>--shard</c>) that a signal or a failing store does not lose. Each dataset is scanned as a part
/// (<see cref="ScrubPipeline.RunStoppable"/>: the analyses keep what a merge needs); at the first SIGINT or SIGTERM the
/// scan stops at the end of the unit it is in. The parts, with those of the runs a <c>--resume</c> continues, go to a
/// state file, and <see cref="ShardMerge"/> joins each dataset's parts into the report one scan gives. An interrupted
/// scan keeps that file beside its JSON report (<c>REPORT.state</c>), says in the report where it stopped
/// (<see cref="IncompleteScan"/>) and exits 130 (SIGINT) or 143 (SIGTERM); a store error mid-scan ends it the same way
/// with exit 3, without a state (its last unit is scanned in part).
/// </summary>
internal sealed class ResumableScanRunner(CliStreams streams, ScanRunner runner)
{
    /// <summary>Where an interrupted scan without <c>--json FILE</c> keeps its report and state (in the current
    /// directory, or the temporary one when that is not writable): <c>--resume</c> needs a file.</summary>
    private const string InterruptedReportName = "datascrub-interrupted.json";

    private sealed record Entry(string Path, string? Error, DatasetInfo? Info, bool Complete, long NextUnit, List<ResumeStateFile.Part> Parts);

    public int Run(ScanSettings settings, IReadOnlyList<(string Path, IDatasetFormat? Format, DatasetUnreadableException? Error)> datasets,
        ScrubOptions scanOptions, ScrubOptions reportOptions, BaselineReport? baseline, ResumeSource? resume)
    {
        var hooks = TestHooks.From(streams.Environment);
        var entries = new List<Entry>();
        var scanned = new List<ShardResult>();
        ScanStop? stop = null;
        string? stopped = null;
        var unreadable = false;
        try
        {
            for (var d = 0; d < datasets.Count; d++)
            {
                var (path, format, error) = datasets[d];
                var saved = resume?.Datasets[d];
                // A dataset an earlier run scanned whole is not read again; nor is any after the stop.
                if (saved is { Complete: true } || stop is not null)
                {
                    entries.Add(saved is { Info: not null } ? new Entry(path, null, saved.Info, saved.Complete, saved.NextUnit, [.. saved.Parts]) : new Entry(path, null, null, false, 0, []));
                    continue;
                }
                if (error is not null)
                {
                    unreadable = true;
                    streams.Error.WriteLine($"datascrub: {UnreadableDatasetText.Message(error)}");
                    entries.Add(new Entry(path, UnreadableDatasetText.Reason(error), null, false, 0, []));
                    continue;
                }
                var firstUnit = saved is { Info: not null } ? saved.NextUnit : 0;
                try
                {
                    var (report, info, partStop) = ScanPart(path, format!, settings, scanOptions, firstUnit, hooks);
                    scanned.Add(report.Shard!);
                    if (saved?.Info is { } before && (before.Format != info.Format || before.Units != info.Units || before.ExpectedSamples != info.ExpectedSamples))
                        throw new ResumeRefusedException($"{path} is not the dataset the interrupted scan read (its format, units or size differ): was it changed? Scan it again");
                    List<ResumeStateFile.Part> parts = [.. saved?.Parts ?? [], new ResumeStateFile.ScannedPart(report.Shard!)];
                    entries.Add(new Entry(path, null, info, partStop is null, partStop?.NextUnit ?? info.Units, parts));
                    if (partStop is not null)
                    {
                        stop = partStop;
                        stopped = path;
                    }
                }
                catch (DatasetUnreadableException e)
                {
                    unreadable = true;
                    streams.Error.WriteLine($"datascrub: {UnreadableDatasetText.Message(e)}");
                    entries.Add(new Entry(path, UnreadableDatasetText.Reason(e), null, false, 0, []));
                }
            }
            return Finish(settings, reportOptions, baseline, resume, entries, stop, stopped, unreadable);
        }
        catch (ResumeRefusedException e)
        {
            streams.Error.WriteLine($"datascrub: --resume {e.Message}");
            return ExitCodes.Usage;
        }
        finally
        {
            foreach (var result in scanned) result.Dispose();
        }
    }

    /// <summary>Scans the dataset from <paramref name="firstUnit"/> on, until its end or the stop.</summary>
    private (DatasetReport Report, DatasetInfo Info, ScanStop? Stop) ScanPart(string path, IDatasetFormat format, ScanSettings settings,
        ScrubOptions options, long firstUnit, TestHooks hooks)
    {
        var part = firstUnit == 0 ? (ShardSpec?)null : new ShardSpec(0, 1) { FirstUnit = firstUnit };
        using var reader = hooks.Wrap(format.OpenReader(path, settings.ToReaderOptions(part)));
        var progress = new ScanProgress();
        using var line = new ProgressLine(streams.Error, path, progress, ProgressLine.StyleFor(streams, settings.Quiet, settings.Progress), settings.Progress);
        var (report, stop) = ScrubPipeline.RunStoppable(reader, options, progress, streams.Cancellation, CancellationToken.None);
        return (report, reader.Info, stop);
    }

    /// <summary>The state of every part (kept beside the report when the scan can be resumed), each dataset's parts
    /// merged into its report, then the report's sinks.</summary>
    private int Finish(ScanSettings settings, ScrubOptions options, BaselineReport? baseline, ResumeSource? resume, List<Entry> entries,
        ScanStop? stop, string? stopped, bool unreadable)
    {
        var header = new ResumeStateFile.Header(Program.Version, StateWords(settings), [.. entries.Select(e => e.Path)]);
        var datasets = entries.Select(e => new ResumeStateFile.Dataset(e.Path, e.Error, e.Info, e.Complete, e.NextUnit, e.Parts)).ToList();
        var tempPath = Path.Combine(Path.GetTempPath(), $"datascrub-scan-{Guid.NewGuid():N}.state");
        using var state = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        // Unlinked at once: nothing is left behind if the process is killed.
        if (!OperatingSystem.IsWindows()) File.Delete(tempPath);
        var resumable = stop is { Reason: ScanStopReason.Requested };
        // The checksum (a pass over the whole state, and one more to verify it) only when the state is kept for a
        // resume: otherwise this file is read back once, by this process, unlinked, a moment after it was written.
        // It was a sixth of a 400,000-record scan's merge.
        ResumeStateFile.Write(state, header, datasets, checksum: resumable);

        string? reportPath = null;
        if (resumable)
        {
            reportPath = settings.Json is { } json && json != "-" ? json : InterruptedReportPath();
            state.Position = 0;
            ReportTarget.Write(streams, reportPath + ".state", "scan state", stream => state.CopyTo(stream));
        }

        var reports = new List<DatasetReport>();
        state.Position = 0;
        using (var reader = new ShardStateReader(state, tempPath))
        {
            ResumeStateFile.ReadHeader(reader, verify: resumable);
            foreach (var dataset in ResumeStateFile.ReadDatasets(reader))
            {
                if (dataset.Error is not null) reports.Add(DatasetReport.NotScanned(dataset.Path, dataset.Error));
                else if (dataset.Info is null) reports.Add(DatasetReport.NotScanned(dataset.Path, "not scanned: the scan stopped before it"));
                else
                {
                    var analyses = Analysis.StandardAnalyses.Create(options.Analysis, dataset.Info, options.Severities);
                    reports.Add(ShardMerge.Merge(dataset.Info, ResumeStateFile.Parts(reader, dataset.Parts), analyses, options.MaxFindingsPerKind, options.Severities));
                }
            }
        }

        if (stop is null)
        {
            // The resumed report is whole now: its state is of no more use.
            if (resume is not null && settings.Json is { } json && json != "-" && Path.GetFullPath(json) == Path.GetFullPath(resume.Report))
                File.Delete(resume.StatePath);
            return runner.Finish(settings, options, reports, unreadable, baseline);
        }

        var signal = streams.Signal();
        var reason = stop.Reason == ScanStopReason.StoreError ? "store-error" : signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";
        var message = stop.Error switch
        {
            DatasetUnreadableException e => UnreadableDatasetText.Message(e),
            { } e => $"{stopped}: {e.Message}",
            null => $"interrupted by {reason}",
        };
        var samples = reports.FirstOrDefault(r => r.Path == stopped)?.Samples ?? 0;
        var incomplete = new IncompleteScan(reason, message, stopped!, stop.NextUnit, stop.Units, samples, stop.LastSample,
            resumable ? Path.GetFileName(reportPath + ".state") : null, resumable ? ResumeCommand(settings, reportPath!) : null);
        if (stop.Reason == ScanStopReason.StoreError) streams.Error.WriteLine($"datascrub: {message} (after {stop.Samples} samples; the report covers them)");
        var exitCode = stop.Reason == ScanStopReason.StoreError ? ExitCodes.Unreadable : signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Cancelled;
        runner.Finish(settings, options, reports, unreadable, baseline, incomplete, exitCode);
        if (resumable && settings.Json is null or "-")
        {
            // The resume needs the report as a file: the one the user asked for went to stdout, or nowhere.
            var report = ScanRunner.Report(settings, options, reports, exitCode, incomplete);
            ReportTarget.Write(streams, reportPath!, "JSON report", stream => JsonReportWriter.Write(report, stream));
        }
        if (resumable) streams.Error.WriteLine($"datascrub: interrupted by {reason} in {stopped} (unit {stop.NextUnit} of {stop.Units}); resume with: {incomplete.Resume}");
        return exitCode;
    }

    /// <summary>The verdict-shaping words a resume must give again (those a shard keeps, <see cref="ScanRunner"/>).</summary>
    internal static List<string> StateWords(ScanSettings settings)
    {
        var words = settings.VerdictWords().ToList();
        if (settings.ConfigFile is not null) words.Add($"--config={settings.ConfigFile}");
        if (settings.WriteMean is not null) words.Add($"--write-mean={Path.GetFullPath(settings.WriteMean)}");
        return words;
    }

    private static string InterruptedReportPath()
    {
        var here = Path.GetFullPath(InterruptedReportName);
        try
        {
            using (File.Create(here + ".probe", 1, FileOptions.DeleteOnClose)) { }
            return here;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Path.Combine(Path.GetTempPath(), InterruptedReportName);
        }
    }

    /// <summary>This command line with <c>--resume REPORT</c> (in place of an earlier one), quoted for a POSIX shell.</summary>
    private string ResumeCommand(ScanSettings settings, string report)
    {
        var words = new List<string>();
        var args = streams.Arguments;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--resume") { i++; continue; }
            if (args[i].StartsWith("--resume=", StringComparison.Ordinal)) continue;
            words.Add(args[i]);
        }
        words.Add("--resume");
        words.Add(report);
        return "datascrub " + string.Join(" ", words.Select(Quote));
    }

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";
}
