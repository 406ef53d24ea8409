using DataScrub.Formats.Caffe.Definitions;
using DataScrub.Formats.Caffe.Lint;
using DataScrub.Reporting;
using DataScrub.Reporting.Baseline;

namespace DataScrub.Cli.Commands;

/// <summary>
/// Runs <c>scan --net PROTOTXT</c>: lints the net (or the solver and its train net), then scans each data source of
/// the phase's net with the settings Caffe gives it (batch size, crop size, mean file, HDF5 tops, image root, and
/// the net's classes, loss and ignore_label); a flag or configuration value the user gave wins over the net's. Paths
/// given on the command line are scanned instead of the net's sources, with the first data layer's settings. A source
/// that does not exist is a <c>missing-data-source</c> finding of the net, not a second error.
/// </summary>
internal sealed class NetScanRunner(CliStreams streams, ScanRunner scans)
{
    public int Run(ScanSettings settings)
    {
        if (settings.ShardText is not null)
            return Usage("--net does not go with --shard: give the net's settings as flags to the shards (the report's definition section lists them)");
        BaselineReport? baseline = null;
        if (settings.Baseline is not null && !TryReadBaseline(settings.Baseline, out baseline)) return ExitCodes.Usage;
        if ((settings.UnwritableOutput() ?? settings.Contradiction()) is { } unwritable) return Usage(unwritable);

        var lints = new List<DefinitionLint>();
        var (reports, unreadable) = new LintRunner(streams).Lint([settings.Net!], settings, settings.NetContext!, lints);
        var facts = lints.FirstOrDefault()?.Facts;
        var targets = Targets(settings, facts);
        if (settings.WriteMean is not null && targets.Count != 1)
            return Usage($"--write-mean takes exactly one dataset; the net reads {targets.Count}");
        var formats = targets.Select(t => scans.Resolve(t.Path, t.Settings.Format == "auto" && t.Format is not null ? t.Format : t.Settings.Format)).ToList();
        if (settings.InapplicableOption([.. formats.Where(f => f.Format is not null).Select(f => (f.Path, f.Format!))]) is { } refusal) return Usage(refusal);

        ScanSettings? first = null;
        Pipeline.ScrubOptions? firstOptions = null;
        for (var i = 0; i < targets.Count; i++)
        {
            streams.Cancellation.ThrowIfCancellationRequested();
            var (path, _, dataset) = targets[i];
            var (_, format, error) = formats[i];
            if (!dataset.TryReadMeanFile(streams, out var mean) || !dataset.TryReadClassNames(streams, out var classNames)) return ExitCodes.Usage;
            var options = dataset.ToScrubOptions(mean, classNames);
            first ??= dataset;
            firstOptions ??= options;
            try
            {
                if (error is not null) throw error;
                reports.Add(scans.ScanOne(path, format!, dataset, options, null));
            }
            catch (DatasetUnreadableException e)
            {
                unreadable = true;
                streams.Error.WriteLine($"datascrub: {UnreadableDatasetText.Message(e)}");
                reports.Add(DatasetReport.NotScanned(path, UnreadableDatasetText.Reason(e)));
            }
        }
        // With nothing to scan (no data layer in the phase), the report still records the net's K, loss and ignore_label.
        var report = first ?? Derive(settings, null, facts);
        return scans.Finish(report, firstOptions ?? report.ToScrubOptions(null), reports, unreadable, baseline);
    }

    /// <summary>What to scan and with what: the paths given, else each source of the net that exists.</summary>
    private static List<(string Path, string? Format, ScanSettings Settings)> Targets(ScanSettings settings, NetTrainingFacts? facts)
    {
        if (settings.Paths.Count > 0)
            return [.. settings.Paths.Select(p => (p, (string?)null, Derive(settings, facts?.Sources.FirstOrDefault(), facts)))];
        if (facts is null) return [];
        return [.. facts.Sources.Where(s => CaffePaths.Exists(s.Path)).Select(s => (CaffePaths.Shown(s.Path), (string?)s.Format, Derive(settings, s, facts)))];
    }

    /// <summary>The scan's settings for one data layer: the net's values for every option the user left unset.</summary>
    internal static ScanSettings Derive(ScanSettings s, DataLayerSource? source, NetTrainingFacts? facts)
    {
        bool Free(string option) => !s.Given.Contains(option);
        var d = s;
        if (source is not null)
        {
            if (Free("--batch-size") && source.BatchSize > 0) d = d with { BatchSizes = [source.BatchSize] };
            if (Free("--crop-size") && source.CropSize > 0) d = d with { CropSize = source.CropSize };
            // A mean file that is missing is the net's finding; the data can still be scanned.
            if (Free("--mean-file") && source.MeanFile is { } mean && File.Exists(mean)) d = d with { MeanFile = mean };
            if (Free("--root") && source.Root is { } root) d = d with { Root = root };
            if (Free("--data") && source.DataTops is { Count: > 0 } tops) d = d with { DataNames = tops };
            if (Free("--label") && source.DataTops is not null) d = d with { LabelName = source.LabelTop };
        }
        if (facts is null) return d;
        if (Free("--num-classes") && facts.NumClasses is { } k) d = d with { NumClasses = k };
        if (Free("--loss") && facts.BatchNormalizedLoss) d = d with { Loss = Analysis.LossKind.BatchNormalized };
        if (Free("--ignore-label") && facts.IgnoreLabel is { } ignore) d = d with { IgnoreLabel = ignore };
        return d;
    }

    private bool TryReadBaseline(string path, out BaselineReport? baseline)
    {
        baseline = null;
        try
        {
            baseline = BaselineReport.Read(path);
            return true;
        }
        catch (BaselineReportException e)
        {
            streams.Error.WriteLine($"datascrub: --baseline {e.Message}");
            return false;
        }
    }

    private int Usage(string message)
    {
        streams.Error.WriteLine($"datascrub: {message}");
        return ExitCodes.Usage;
    }
}
