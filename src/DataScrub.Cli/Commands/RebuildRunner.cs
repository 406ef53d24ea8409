using DataScrub.Cli.Reporting;
using DataScrub.Formats;
using DataScrub.Pipeline;
using DataScrub.Rebuild;
using DataScrub.Reporting;

namespace DataScrub.Cli.Commands;

/// <summary>Runs one <c>rebuild</c>: the engine, then the summary, the JSON report and the exit code
/// (0 written and verified, or dry run; 2 bad request; 3 source unreadable or writing/verification failed).</summary>
internal sealed class RebuildRunner(CliStreams streams, FormatRegistry registry)
{
    public int Run(RebuildSettings settings)
    {
        var scan = settings.Scan;
        if (scan.UnwritableOutput() is { } unwritable)
        {
            streams.Error.WriteLine($"datascrub: {unwritable}");
            return ExitCodes.Usage;
        }
        // The format first (detection is cheap): an option that cannot apply to it is refused before the scan.
        var format = registry.Resolve(scan.Paths[0], scan.Format);
        if (scan.InapplicableOption([(scan.Paths[0], format)]) is { } refusal)
        {
            streams.Error.WriteLine($"datascrub: {refusal}");
            return ExitCodes.Usage;
        }
        if (!scan.TryReadMeanFile(streams, out var referenceMean) || !scan.TryReadClassNames(streams, out var classNames)) return ExitCodes.Usage;
        if (settings.DropKinds.FirstOrDefault(k => scan.Severities.SeverityOf(k) is null) is { } off)
        {
            streams.Error.WriteLine($"datascrub: --drop {off.Name}: the kind is switched off by --severity {off.Name}=off, so no sample can be dropped for it");
            return ExitCodes.Usage;
        }
        var drop = new DropRule(settings.DropBad, settings.DropKinds) { Severities = scan.Severities };
        var request = new RebuildRequest(scan.Paths[0], settings.Destination, format.Name, scan.ToReaderOptions(),
            scan.ToScrubOptions(referenceMean, classNames), drop, settings.Force, settings.DryRun, settings.To, settings.ShuffleSeed);

        var progress = new ScanProgress();
        RebuildResult result;
        using (new ProgressLine(streams.Error, request.Source, progress, ProgressLine.StyleFor(streams, scan.Quiet, scan.Progress), scan.Progress))
        {
            try
            {
                result = new RebuildEngine(registry, Program.ToolName).Run(request, progress,
                    stale => streams.Error.WriteLine($"datascrub: {(stale.Removed ? "removing" : "found")} {stale.Path}, left by an interrupted rebuild of {stale.Destination}"),
                    streams.Cancellation);
            }
            catch (RebuildException e)
            {
                streams.Error.WriteLine($"datascrub: {RebuildMessages.Describe(e)}");
                return e.IsUsage ? ExitCodes.Usage : ExitCodes.Unreadable;
            }
        }

        var summary = new RebuildSummary(result.Destination, result.DryRun, result.Source.Samples, result.Dropped, result.Written,
            Verified: result.Verification is not null, [.. drop.DroppedKinds.Select(k => k.Name)], result.Notes, result.StaleRemoved)
        {
            DroppedFiles = result.Plan.DroppedFiles,
            DroppedSamples = result.Plan.Dropped,
            Seconds = result.Seconds,
        };
        var report = new ScanReport(Program.ToolName, ExitCodes.Clean, [result.Source.WithSection(summary)])
        {
            Version = Program.Version,
            Settings = ReportSettings.From(request.ScanOptions.Analysis, request.ScanOptions.Severities) with
            {
                Options = scan.RecordedOptions(scan: false),
                ConfigFile = scan.ConfigFile,
                Decoders = ReportDecoders.Of(DataScrub.Images.Decoding.ImageDecoders.System),
            },
        };
        foreach (var sink in ScanRunner.Sinks(streams, scan)) sink.Write(report);
        if (!scan.Quiet) WriteSummary(result, scan.Json == "-" || scan.Markdown == "-" || scan.Html == "-" ? streams.Error : streams.Out);
        return ExitCodes.Clean;
    }

    private static void WriteSummary(RebuildResult result, TextWriter output)
    {
        var plan = result.Plan;
        if (result.DryRun)
        {
            output.WriteLine($"dry run: would write {result.Written} of {result.Source.Samples} samples to {result.Destination}, dropping {result.Dropped}{(result.Dropped > 0 ? ":" : "")}");
            foreach (var d in plan.Dropped.Take(50)) output.WriteLine($"  drop {d.Id}: {string.Join(", ", d.Kinds)}");
            if (plan.Dropped.Count > 50) output.WriteLine($"  ... {plan.Dropped.Count - 50} more (--json lists them all)");
        }
        else
        {
            output.WriteLine($"rebuilt {result.Destination}: {result.Written} of {result.Source.Samples} samples written, {result.Dropped} dropped; re-read and verified ({RebuildEngine.ManifestName} lists the dropped samples)");
        }
        foreach (var f in plan.DroppedFiles) output.WriteLine($"  drop file {f.Name} ({string.Join(", ", f.Kinds)}, {f.Samples} samples): {f.Reason}");
        foreach (var note in result.Notes) output.WriteLine($"  note: {note}");
        if (result.DryRun) return;
        output.WriteLine("  seconds: " + string.Join(", ", result.Seconds.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.00}"))));
    }
}
