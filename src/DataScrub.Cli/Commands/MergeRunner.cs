using System.CommandLine;
using System.Text.Json;
using DataScrub.Formats;
using DataScrub.Reporting;
using DataScrub.Sharding;

namespace DataScrub.Cli.Commands;

/// <summary>
/// Runs <c>merge</c>: finds each shard report's state file, checks that they are every shard of one scan (same
/// version, options and datasets, each index once), rebuilds the scan's options from the shards' own words, merges
/// each dataset (<see cref="ShardMerge"/>) and ends as the scan would (<see cref="ScanRunner.Finish"/>).
/// </summary>
internal sealed class MergeRunner(CliStreams streams, FormatRegistry registry)
{
    public int Run(IReadOnlyList<string> reportPaths, ParseResult parse, ScanOptionSet outputs, Option<string> failOn)
    {
        var opened = new List<(string Report, string State, FileStream Stream, ShardStateReader Reader, ShardStateFile.Header Header)>();
        try
        {
            foreach (var report in reportPaths)
            {
                if (OpenShard(report) is not { } shard) return ExitCodes.Usage;
                opened.Add(shard);
            }
            if (Incomplete(opened) is { } problem)
            {
                streams.Error.WriteLine($"datascrub: merge: {problem}");
                return ExitCodes.Usage;
            }
            var shards = opened.OrderBy(s => s.Header.Shard.Index).ToList();
            var datasetCounts = shards.Select(s => ShardStateFile.ReadDatasetCount(s.Reader)).Distinct().ToList();
            if (datasetCounts.Count != 1) return Usage("the shards scanned different numbers of datasets");

            // The scan's own options, from the shards' words; the merge's flags choose only the outputs and the verdict.
            var header = shards[0].Header;
            var scan = ScanSettingsFrom(header.Settings, shards[0]);
            if (scan is null) return ExitCodes.Usage;
            var settings = scan with
            {
                Json = parse.GetValue(outputs.Json),
                Html = parse.GetValue(outputs.Html),
                Markdown = parse.GetValue(outputs.Markdown),
                Quiet = parse.GetValue(outputs.Quiet),
                Color = parse.GetValue(outputs.Color)!,
                FailOn = parse.GetResult(failOn) is { Implicit: false } ? FailOnWords.Parse(parse.GetValue(failOn)!) : scan.FailOn,
                Baseline = parse.GetValue(outputs.Baseline),
                FailOnNew = parse.GetValue(outputs.FailOnNew),
                DriftThreshold = parse.GetResult(outputs.DriftThreshold) is { Implicit: false } ? parse.GetValue(outputs.DriftThreshold) : scan.DriftThreshold,
                ShardText = null,
            };
            if ((settings.UnwritableOutput() ?? settings.Contradiction()) is { } unwritable) return Usage(unwritable);
            DataScrub.Reporting.Baseline.BaselineReport? baseline = null;
            if (settings.Baseline is not null)
            {
                try
                {
                    baseline = DataScrub.Reporting.Baseline.BaselineReport.Read(settings.Baseline);
                }
                catch (DataScrub.Reporting.Baseline.BaselineReportException e)
                {
                    return Usage($"--baseline {e.Message}");
                }
            }
            if (!settings.TryReadMeanFile(streams, out var referenceMean) || !settings.TryReadClassNames(streams, out var classNames)) return ExitCodes.Usage;
            var options = settings.ToScrubOptions(referenceMean, classNames);

            var reports = new List<DatasetReport>();
            var unreadable = false;
            for (var d = 0; d < datasetCounts[0]; d++)
            {
                var parts = shards.Select(s => ShardStateFile.ReadDataset(s.Reader)).ToList();
                var path = parts[0].Path;
                if (parts.Any(p => p.Path != path)) return Usage($"the shards' dataset {d + 1} is not the same path ({string.Join(", ", parts.Select(p => p.Path).Distinct())})");
                if (parts.FirstOrDefault(p => p.Error is not null) is { Error: { } error })
                {
                    // A shard that could not read the dataset makes it unreadable, as one scan would have found it.
                    streams.Error.WriteLine($"datascrub: {path}: {error}");
                    unreadable = true;
                    reports.Add(DatasetReport.NotScanned(path, error));
                    for (var s = 0; s < shards.Count; s++)
                        if (parts[s].ResultEnd >= 0) shards[s].Stream.Position = parts[s].ResultEnd;
                    continue;
                }
                var info = parts[0].Info!;
                if (parts.Any(p => p.Info!.Format != info.Format || p.Info.Units != info.Units || p.Info.ExpectedSamples != info.ExpectedSamples))
                    return Usage($"{path}: the shards read different datasets (format, units or size differ): was it changed between them?");
                var analyses = Analysis.StandardAnalyses.Create(options.Analysis, info, options.Severities);
                reports.Add(ShardMerge.Merge(info, [.. shards.Select(s => s.Reader)], analyses, options.MaxFindingsPerKind, options.Severities));
            }
            return new ScanRunner(streams, registry).Finish(settings, options, reports, unreadable, baseline);
        }
        catch (ShardStateException e)
        {
            streams.Error.WriteLine($"datascrub: merge: {e.Message}");
            return ExitCodes.Usage;
        }
        finally
        {
            foreach (var shard in opened)
            {
                shard.Reader.Dispose();
                shard.Stream.Dispose();
            }
        }
    }

    private int Usage(string message)
    {
        streams.Error.WriteLine($"datascrub: merge: {message}");
        return ExitCodes.Usage;
    }

    /// <summary>A shard report's state file, opened and its header read; null after one stderr line.</summary>
    private (string, string, FileStream, ShardStateReader, ShardStateFile.Header)? OpenShard(string report)
    {
        string? state;
        int index, count;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(report));
            if (!document.RootElement.TryGetProperty("shard", out var shard) || shard.ValueKind != JsonValueKind.Object)
                return Fail($"{report}: not a shard report (no \"shard\" object: was it written by scan --shard I/N --json FILE?)");
            index = shard.GetProperty("index").GetInt32();
            count = shard.GetProperty("count").GetInt32();
            state = shard.GetProperty("state").GetString();
            if (string.IsNullOrEmpty(state) || Path.GetFileName(state) != state) return Fail($"{report}: its \"shard\" names no state file beside it");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Fail($"{report}: cannot read it as a shard report: {e.Message}");
        }
        var statePath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(report))!, state);
        FileStream stream;
        try
        {
            stream = new FileStream(statePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"{report}: its state file {statePath} cannot be read: {e.Message}");
        }
        var reader = new ShardStateReader(stream, statePath);
        try
        {
            var header = ShardStateFile.ReadHeader(reader);
            if (header.Shard.Index != index || header.Shard.Count != count)
                throw new ShardStateException(statePath, $"it is shard {header.Shard} but its report {report} says {index}/{count}");
            return (report, statePath, stream, reader, header);
        }
        catch
        {
            reader.Dispose();
            stream.Dispose();
            throw;
        }

        (string, string, FileStream, ShardStateReader, ShardStateFile.Header)? Fail(string message)
        {
            streams.Error.WriteLine($"datascrub: merge: {message}");
            return null;
        }
    }

    /// <summary>Why the shards are not every shard of one scan, or null.</summary>
    private static string? Incomplete(IReadOnlyList<(string Report, string State, FileStream Stream, ShardStateReader Reader, ShardStateFile.Header Header)> shards)
    {
        var first = shards[0];
        foreach (var other in shards.Skip(1))
        {
            if (other.Header.Shard.Count != first.Header.Shard.Count)
                return $"{first.Report} is shard {first.Header.Shard} but {other.Report} is shard {other.Header.Shard}: they are not the shards of one scan";
            if (other.Header.Version != first.Header.Version)
                return $"{first.Report} was written by datascrub {first.Header.Version} but {other.Report} by {other.Header.Version}";
            if (!other.Header.Settings.SequenceEqual(first.Header.Settings))
                return $"{first.Report} and {other.Report} were scanned with different options ({string.Join(" ", first.Header.Settings.Except(other.Header.Settings).Concat(other.Header.Settings.Except(first.Header.Settings)))})";
        }
        if (shards.GroupBy(s => s.Header.Shard.Index).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return $"shard {twice.Key} is given twice ({string.Join(", ", twice.Select(s => s.Report))})";
        var count = first.Header.Shard.Count;
        var missing = Enumerable.Range(0, count).Except(shards.Select(s => s.Header.Shard.Index)).ToList();
        if (missing.Count > 0)
            return $"{missing.Count} of {count} shards are missing: {string.Join(", ", missing.Take(10).Select(i => $"{i}/{count}"))}{(missing.Count > 10 ? ", ..." : "")}";
        return null;
    }

    /// <summary>The scan's settings from a shard's words (the options it judged with, and its datasets), or null after one stderr line.</summary>
    private ScanSettings? ScanSettingsFrom(IReadOnlyList<string> words, (string Report, string State, FileStream Stream, ShardStateReader Reader, ShardStateFile.Header Header) shard)
    {
        var options = new ScanOptionSet(registry);
        var paths = new Argument<string[]>("path") { Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("scan") { paths };
        foreach (var option in options.All) command.Options.Add(option);
        var root = new RootCommand { command };
        CommandLine.OptionValueParsers.Install(command);
        var parse = root.Parse(["scan", .. words]);
        if (parse.Errors.Count > 0)
        {
            streams.Error.WriteLine($"datascrub: merge: {shard.State}: its options cannot be read by this datascrub: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            return null;
        }
        return options.Read(parse, []);
    }
}
