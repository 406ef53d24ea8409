using DataScrub.Cli.CommandLine;
using DataScrub.Cli.Reporting;
using DataScrub.Formats;
using DataScrub.Pipeline;
using DataScrub.Reporting;
using DataScrub.Reporting.Baseline;

namespace DataScrub.Cli.Commands;

/// <summary>Runs one <c>scan</c>: each path in turn, then the summary, the JSON report and the exit code.</summary>
internal sealed class ScanRunner(CliStreams streams, FormatRegistry registry)
{
    public int Run(ScanSettings settings)
    {
        if (settings.Net is not null && settings.Resume is not null)
        {
            streams.Error.WriteLine("datascrub: --resume goes with dataset paths, not --net: scan the net's data again");
            return ExitCodes.Usage;
        }
        if (settings.Net is not null) return new NetScanRunner(streams, this).Run(settings);
        if (settings.Paths.Count == 0)
        {
            streams.Error.WriteLine("datascrub: give a dataset PATH to scan, or --net PROTOTXT to scan what a Caffe net trains on");
            streams.Error.WriteLine("Run 'datascrub scan --help' for usage.");
            return ExitCodes.Usage;
        }
        if (settings.GivenDefinitionOptions)
        {
            streams.Error.WriteLine("datascrub: --phase and --workdir go with --net PROTOTXT");
            return ExitCodes.Usage;
        }
        if (!TryResolveShard(settings, out var shard)) return ExitCodes.Usage;
        if (settings.WriteMean is not null && settings.Paths.Count != 1)
        {
            streams.Error.WriteLine("datascrub: --write-mean takes exactly one dataset");
            return ExitCodes.Usage;
        }
        if ((settings.UnwritableOutput() ?? settings.Contradiction()) is { } unwritable)
        {
            streams.Error.WriteLine($"datascrub: {unwritable}");
            return ExitCodes.Usage;
        }
        // The baseline is read before the scan: a file that is not a report should not cost the user an hour.
        BaselineReport? baseline = null;
        if (settings.Baseline is not null)
        {
            try
            {
                baseline = BaselineReport.Read(settings.Baseline);
            }
            catch (BaselineReportException e)
            {
                streams.Error.WriteLine($"datascrub: --baseline {e.Message}");
                return ExitCodes.Usage;
            }
        }
        // Every format first (detection is cheap): an option that applies to none of them is refused before
        // anything is scanned.
        var datasets = settings.Paths.Select(path => Resolve(path, settings.Format)).ToList();
        if (settings.InapplicableOption([.. datasets.Where(d => d.Format is not null).Select(d => (d.Path, d.Format!))]) is { } refusal)
        {
            streams.Error.WriteLine($"datascrub: {refusal}");
            return ExitCodes.Usage;
        }
        if (!settings.TryReadMeanFile(streams, out var referenceMean) || !settings.TryReadClassNames(streams, out var classNames)) return ExitCodes.Usage;
        if (shard is null)
        {
            // A whole scan is scanned in parts that a signal does not lose (and --resume continues).
            ResumeSource? resume = null;
            try
            {
                if (settings.Resume is { } report)
                {
                    resume = ResumeSource.Open(report);
                    if (resume.Mismatch(Program.Version, ResumableScanRunner.StateWords(settings), settings.Paths) is { } mismatch)
                        throw new ResumeRefusedException(mismatch);
                }
            }
            catch (ResumeRefusedException e)
            {
                resume?.Dispose();
                streams.Error.WriteLine($"datascrub: --resume {e.Message}");
                return ExitCodes.Usage;
            }
            using (resume)
            {
                return new ResumableScanRunner(streams, this).Run(settings, datasets,
                    settings.ToScrubOptions(referenceMean, classNames, shard: true), settings.ToScrubOptions(referenceMean, classNames), baseline, resume);
            }
        }
        var options = settings.ToScrubOptions(referenceMean, classNames, shard: true);
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
                reports.Add(ScanOne(path, format!, settings, options, shard));
            }
            catch (DatasetUnreadableException e)
            {
                Unreadable(path, e);
            }
        }
        return FinishShard(settings, options, reports, unreadable, shard);
    }

    /// <summary>After the datasets were scanned (or merged from shards): the mean file, the baseline, the exit code,
    /// the report and its sinks.</summary>
    /// <param name="incomplete">Where a scan that ended early stopped (its mean image is then not written).</param>
    /// <param name="exitCode">The exit code when the end of the scan decides it (a signal, a store error).</param>
    internal int Finish(ScanSettings settings, ScrubOptions options, List<DatasetReport> reports, bool unreadable, BaselineReport? baseline = null,
        IncompleteScan? incomplete = null, int? exitCode = null)
    {
        if (settings.WriteMean is not null && incomplete is null && reports is [{ Error: null } scanned])
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

        if (baseline is not null) reports = [.. reports.Select(r => r.Definition ? r : CompareWithBaseline(r, baseline, reports.Count(d => !d.Definition), settings))];
        var code = exitCode ?? (unreadable ? ExitCodes.Unreadable
            : reports.Any(r => Fails(r, settings)) ? ExitCodes.Findings
            : ExitCodes.Clean);
        var report = Report(settings, options, reports, code, incomplete);
        foreach (var sink in Sinks(streams, settings)) sink.Write(report);
        return code;
    }

    /// <summary>The run's report, as every sink gets it.</summary>
    internal static ScanReport Report(ScanSettings settings, ScrubOptions options, IReadOnlyList<DatasetReport> reports, int exitCode, IncompleteScan? incomplete) =>
        new(Program.ToolName, exitCode, reports)
        {
            Version = Program.Version,
            Settings = ReportSettings.From(options.Analysis, options.Severities) with
            {
                Options = settings.RecordedOptions(scan: true),
                ConfigFile = settings.ConfigFile,
                Decoders = ReportDecoders.Of(DataScrub.Images.Decoding.ImageDecoders.System),
            },
            Incomplete = incomplete,
        };

    /// <summary>Whether a dataset's findings fail the run: any at or above --fail-on, or with --fail-on-new only the
    /// new ones (a dataset the baseline lacks is new as a whole).</summary>
    private static bool Fails(DatasetReport report, ScanSettings settings)
    {
        if (!settings.FailOnNew || report.Section<BaselineSection>() is not { } baseline) return settings.FailOn.Fails(report);
        return settings.FailOn switch
        {
            FailOn.Error => baseline.HasNewAtOrAbove(DataScrub.Findings.Severity.Error, report),
            FailOn.Warning => baseline.HasNewAtOrAbove(DataScrub.Findings.Severity.Warning, report),
            _ => false,
        };
    }

    /// <summary>The dataset's report with its <c>baseline</c> section and, when the labels drifted, a <c>label-drift</c> finding.</summary>
    private static DatasetReport CompareWithBaseline(DatasetReport report, BaselineReport baseline, int datasets, ScanSettings settings)
    {
        if (report.Error is not null) return report;
        var section = BaselineComparison.Compare(baseline.Path, baseline.Match(report.Path, datasets), report, settings.DriftThreshold);
        if (BaselineComparison.DriftFinding(section) is { } drift)
        {
            report = report.WithDatasetFinding(drift, settings.Severities);
            // The drift is new by definition: count it among the new findings when the policy kept it.
            if (report.Findings.LastOrDefault() is { } listed && listed.Kind == drift.Kind)
                section = section with { New = [.. section.New, new BaselineKindCount(listed.Kind, 1, listed.Severity)], NewFindings = [.. section.NewFindings, listed] };
        }
        return report.WithSection(section);
    }

    internal (string Path, IDatasetFormat? Format, DatasetUnreadableException? Error) Resolve(string path, string format)
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

    /// <summary>A shard's end: its state file beside its JSON report (<c>FILE.state</c>), then its report. Exit 0 when
    /// it scanned its part, whatever it found: the verdict is the merge's, and a Kubernetes or Slurm job should not
    /// fail (and be retried) for findings.</summary>
    private int FinishShard(ScanSettings settings, ScrubOptions options, List<DatasetReport> reports, bool unreadable, Sharding.ShardSpec? shardSpec)
    {
        var shard = shardSpec!.Value;
        var statePath = settings.Json + ".state";
        try
        {
            var words = settings.VerdictWords().ToList();
            if (settings.ConfigFile is not null) words.Add($"--config={settings.ConfigFile}");
            if (settings.WriteMean is not null) words.Add($"--write-mean={Path.GetFullPath(settings.WriteMean)}");
            var header = new Sharding.ShardStateFile.Header(Program.Version, shard, words);
            var datasets = reports.Select(r => new Sharding.ShardStateFile.Dataset(r.Path, r.Error is null ? r.ShardInfo : null, r.Shard, r.Error)).ToList();
            ReportTarget.Write(streams, statePath, "shard state", stream => Sharding.ShardStateFile.Write(stream, header, datasets));
        }
        finally
        {
            foreach (var r in reports) r.Shard?.Dispose();
        }
        var exitCode = unreadable ? ExitCodes.Unreadable : ExitCodes.Clean;
        var report = new ScanReport(Program.ToolName, exitCode, reports)
        {
            Version = Program.Version,
            Settings = ReportSettings.From(options.Analysis, options.Severities) with
            {
                Options = settings.RecordedOptions(scan: true),
                ConfigFile = settings.ConfigFile,
                Decoders = ReportDecoders.Of(DataScrub.Images.Decoding.ImageDecoders.System),
            },
            Shard = new ShardReportInfo(shard.Index, shard.Count, Path.GetFileName(statePath)),
        };
        foreach (var sink in Sinks(streams, settings)) sink.Write(report);
        return exitCode;
    }

    /// <summary>The shard <c>--shard</c> names (none without it); false after one stderr line when it cannot be used.</summary>
    private bool TryResolveShard(ScanSettings settings, out Sharding.ShardSpec? shard)
    {
        shard = null;
        if (settings.ShardText is not { } text)
        {
            if (settings.ShardCount is null) return true;
            return Refuse("--shard-count goes with --shard auto");
        }
        if (text == "auto")
        {
            try
            {
                shard = ShardEnvironment.Resolve(streams.Environment, settings.ShardCount);
            }
            catch (ShardEnvironmentException e)
            {
                return Refuse(e.Message);
            }
        }
        else
        {
            shard = Sharding.ShardSpec.TryParse(text);
            if (settings.ShardCount is not null) return Refuse($"--shard-count goes with --shard auto (--shard {text} already says how many)");
        }
        if (settings.Json is null or "-")
            return Refuse("--shard needs --json FILE: the shard's report, with FILE.state beside it for 'datascrub merge'");
        if (settings.Baseline is not null || settings.FailOnNew)
            return Refuse("--baseline and --fail-on-new judge the whole dataset: give them to 'datascrub merge'");
        if (settings.Resume is not null)
            return Refuse("--resume continues a whole scan, not a shard: scan an interrupted shard again (its part is all it scans)");
        return true;

        bool Refuse(string message)
        {
            streams.Error.WriteLine($"datascrub: {message}");
            return false;
        }
    }

    internal DatasetReport ScanOne(string path, IDatasetFormat format, ScanSettings settings, ScrubOptions options, Sharding.ShardSpec? shard)
    {
        using var reader = format.OpenReader(path, settings.ToReaderOptions(shard));
        var progress = new ScanProgress();
        using var line = new ProgressLine(streams.Error, path, progress, ProgressLine.StyleFor(streams, settings.Quiet, settings.Progress), settings.Progress);
        var report = ScrubPipeline.Run(reader, options, progress, streams.Cancellation);
        return shard is null ? report : report with { ShardInfo = reader.Info };
    }

    /// <summary>Where the report goes: the console summary (to stderr when the JSON or markdown takes stdout), the
    /// JSON report, the HTML page, the markdown summary.</summary>
    internal static IEnumerable<IReportSink> Sinks(CliStreams streams, ScanSettings settings)
    {
        if (!settings.Quiet)
        {
            var console = settings.Json == "-" || settings.Markdown == "-" || settings.Html == "-" ? streams.Error : streams.Out;
            yield return new ConsoleReportSink(console, streams.UseColor(settings.Color, console));
        }
        if (settings.Json is not null) yield return new JsonReportSink(streams, settings.Json);
        if (settings.Html is not null) yield return new HtmlReportSink(streams, settings.Html);
        if (settings.Markdown is not null) yield return new MarkdownReportSink(streams, settings.Markdown);
    }
}
