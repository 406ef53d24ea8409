using DataScrub.Analysis.Profile;
using DataScrub.Cli.Reporting.Html.Charts;
using static System.FormattableString;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>
/// The <c>profile</c> section as pictures: NaN and Inf per channel and per class (does the bad data concentrate in
/// one channel or one class?), findings along storage order and per file (one bad shard, or spread evenly?), and
/// the classes each storage-order batch holds against K (a sorted dataset read unshuffled starves batches of
/// classes). Shares are in % of the samples of the channel, class, stretch or file, so big and small ones compare.
/// </summary>
public static class ProfileHtml
{
    /// <summary>Batch sizes drawn (each is a chart).</summary>
    public const int MaxCoverageCharts = 6;

    private static readonly ChartSegment NanValues = new("NaN values", "s-nan");
    private static readonly ChartSegment InfValues = new("Inf values", "s-inf");
    private static readonly ChartSegment NonFiniteShare = new("% of the class's samples with NaN or Inf", "s-error");
    private static readonly ChartSegment ErrorShare = new("% of samples with an error", "s-error");
    private static readonly ChartSegment WarningShare = new("% of samples with a warning", "s-warning");
    private static readonly ChartSegment MinClasses = new("fewest classes in a batch of the run", "s-min");
    private static readonly ChartSegment MeanClasses = new("mean classes per batch", "s-mean");
    private const string PercentTicks = "0.##'%'";

    public static void Write(HtmlBuilder html, ProfileSection profile, ClassLabels names)
    {
        html.Append($"<h3>Where the problems are</h3>\n<div class=\"figures\">\n");
        WriteNonFiniteByChannel(html, profile.NonFiniteByChannel);
        WriteNonFiniteByClass(html, profile.NonFiniteByClass, names);
        WriteFindingsByRange(html, profile.FindingsByRange);
        WriteFindingsByFile(html, profile.FindingsByFile);
        foreach (var coverage in profile.Coverage.Take(MaxCoverageCharts)) WriteCoverage(html, coverage);
        html.Append($"</div>\n");
        if (profile.Coverage.Count > MaxCoverageCharts)
            html.Append($"<p class=\"note\">{profile.Coverage.Count - MaxCoverageCharts} more batch sizes are not drawn.</p>\n");
    }

    private static double Percent(long part, long whole) => whole > 0 ? 100.0 * part / whole : 0;

    private static void WriteNonFiniteByChannel(HtmlBuilder html, IReadOnlyList<ChannelNonFinite> channels)
    {
        if (channels.Count == 0) return;
        html.Append($"<div class=\"figure\"><h4>NaN and Inf per channel</h4>\n");
        if (channels.All(c => c.NanValues == 0 && c.InfValues == 0))
        {
            html.Append($"<p>No NaN or Inf in any of the {channels.Count:N0} channels.</p></div>\n");
            return;
        }
        var bars = ChartBuckets.Of(channels, SvgColumnChart.MaxColumns).Select(run =>
        {
            long samples = run.Sum(c => c.Samples), nan = run.Sum(c => c.NanValues), inf = run.Sum(c => c.InfValues);
            var label = run.Count == 1 ? Invariant($"channel {run[0].Channel}") : Invariant($"channels {run[0].Channel}–{run[^1].Channel}");
            return new ChartBar(label, [nan, inf], Invariant($"{label}: {samples:N0} samples with NaN or Inf; {nan:N0} NaN values, {inf:N0} Inf values"))
            {
                ValueText = Invariant($"{nan:N0} NaN, {inf:N0} Inf in {samples:N0} samples"),
            };
        }).ToList();
        if (bars.Count <= SvgHorizontalBarChart.MaxBars) SvgHorizontalBarChart.Write(html, "NaN and Inf values per channel", bars, [NanValues, InfValues]);
        else SvgColumnChart.Write(html, "NaN and Inf values per channel", bars, [NanValues, InfValues], "channel");
        html.Append($"</div>\n");
    }

    private static void WriteNonFiniteByClass(HtmlBuilder html, IReadOnlyList<ClassNonFinite> classes, ClassLabels names)
    {
        if (classes.Count == 0) return;
        html.Append($"<div class=\"figure\"><h4>NaN and Inf per class</h4>\n");
        if (classes.All(c => c.NonFiniteSamples == 0))
        {
            html.Append($"<p>No sample of any class had NaN or Inf.</p></div>\n");
            return;
        }
        var bars = ChartBuckets.Of(classes, SvgColumnChart.MaxColumns).Select(run =>
        {
            long samples = run.Sum(c => c.Samples), bad = run.Sum(c => c.NonFiniteSamples);
            var label = run.Count == 1 ? names.Text(run[0].Class) : names.Text(run[0].Class) + " – " + names.Text(run[^1].Class);
            return new ChartBar(label, [Percent(bad, samples)], Invariant($"class {label}: {bad:N0} of {samples:N0} samples with NaN or Inf ({Percent(bad, samples):0.##}%)"))
            {
                ValueText = Invariant($"{bad:N0} of {samples:N0}"),
            };
        }).ToList();
        if (bars.Count <= SvgHorizontalBarChart.MaxBars) SvgHorizontalBarChart.Write(html, "Share of each class's samples with NaN or Inf", bars, [NonFiniteShare], tickFormat: PercentTicks);
        else SvgColumnChart.Write(html, "Share of each class's samples with NaN or Inf", bars, [NonFiniteShare], "class, by label", tickFormat: PercentTicks);
        html.Append($"</div>\n");
    }

    private static void WriteFindingsByRange(HtmlBuilder html, IReadOnlyList<StorageRange> ranges)
    {
        if (ranges.Count == 0) return;
        html.Append($"<div class=\"figure\"><h4>Findings along storage order</h4>\n");
        if (ranges.All(r => r.ErrorSamples == 0 && r.WarningSamples == 0))
        {
            html.Append($"<p>No sample-level finding anywhere in storage order.</p></div>\n");
            return;
        }
        var bars = ChartBuckets.Of(ranges, SvgColumnChart.MaxColumns).Select(run =>
        {
            long first = run[0].FirstIndex, samples = run.Sum(r => r.Samples), errors = run.Sum(r => r.ErrorSamples), warnings = run.Sum(r => r.WarningSamples);
            var last = first + samples - 1;
            return new ChartBar(Invariant($"sample {first:N0}"), [Percent(errors, samples), Percent(warnings, samples)],
                Invariant($"samples {first:N0}–{last:N0} (keys {run[0].FirstKey} … {run[^1].LastKey}): {errors:N0} with an error, {warnings:N0} with a warning, of {samples:N0}"))
            {
                Weight = Math.Max(samples, 1),
            };
        }).ToList();
        var end = ranges[^1].FirstIndex + ranges[^1].Samples - 1;
        bars[^1] = bars[^1] with { Label = Invariant($"sample {end:N0}") };
        SvgColumnChart.Write(html, "Share of samples with findings, along storage order", bars, [ErrorShare, WarningShare],
            Invariant($"storage order, samples 0 – {end:N0}; each column one stretch (hover for its keys)"), tickFormat: PercentTicks);
        html.Append($"</div>\n");
    }

    private static void WriteFindingsByFile(HtmlBuilder html, IReadOnlyList<FileFindings> files)
    {
        if (files.Count == 0) return;
        html.Append($"<div class=\"figure\"><h4>Findings per file</h4>\n");
        var withFindings = files.Where(f => f.ErrorSamples > 0 || f.WarningSamples > 0)
            .OrderByDescending(f => f.ErrorSamples).ThenByDescending(f => f.WarningSamples).ThenBy(f => f.File, StringComparer.Ordinal).ToList();
        if (withFindings.Count == 0)
        {
            html.Append($"<p>No file has a sample with a finding ({files.Count:N0} files).</p></div>\n");
            return;
        }
        var shown = withFindings.Take(SvgHorizontalBarChart.MaxBars).ToList();
        var bars = shown.Select(f => new ChartBar(f.File, [Percent(f.ErrorSamples, f.Samples), Percent(f.WarningSamples, f.Samples)],
            Invariant($"{f.File}: {f.ErrorSamples:N0} samples with an error, {f.WarningSamples:N0} with a warning, of {f.Samples:N0}"))
        {
            ValueText = Invariant($"{f.ErrorSamples + f.WarningSamples:N0} of {f.Samples:N0}"),
        }).ToList();
        SvgHorizontalBarChart.Write(html, "Share of each file's samples with findings", bars, [ErrorShare, WarningShare], scaleMax: 100, tickFormat: PercentTicks);
        var clean = files.Count - withFindings.Count;
        var notShown = withFindings.Count - shown.Count;
        if (clean > 0 || notShown > 0)
            html.Append($"<p class=\"note\">{(notShown > 0 ? Invariant($"{notShown:N0} more files with findings are not drawn; ") : "")}{clean:N0} of {files.Count:N0} files have no finding.</p>\n");
        html.Append($"</div>\n");
    }

    private static void WriteCoverage(HtmlBuilder html, BatchCoverage coverage)
    {
        if (coverage.Points.Count == 0) return;
        html.Append($"<div class=\"figure\"><h4>Classes per batch of {coverage.BatchSize:N0}, read in storage order</h4>\n");
        var runs = ChartBuckets.Of(coverage.Points, SvgStepChart.MaxSteps).Select(run =>
        {
            var batches = run.Sum(p => p.Batches);
            var mean = batches > 0 ? run.Sum(p => p.MeanClasses * p.Batches) / batches : run.Average(p => p.MeanClasses);
            return new BatchCoveragePoint(run[0].FirstBatch, batches, run.Min(p => p.MinClasses), mean);
        }).ToList();
        var k = coverage.NumClasses;
        var steps = runs.Select(p => (From: (double)p.FirstBatch, To: (double)(p.FirstBatch + Math.Max(p.Batches, 1)), Point: p)).ToList();
        var bands = steps.Select(s => new ChartBand(s.From, s.To,
            Invariant($"batches {s.Point.FirstBatch:N0}–{s.Point.FirstBatch + s.Point.Batches - 1:N0}: fewest {s.Point.MinClasses:N0} of {k:N0} classes, mean {s.Point.MeanClasses:0.#}"))).ToList();
        SvgStepChart.Write(html, Invariant($"Distinct classes per storage-order batch of {coverage.BatchSize}, against K = {k}"),
            [new ChartSeries(MinClasses, [.. steps.Select(s => new ChartStep(s.From, s.To, s.Point.MinClasses))]),
             new ChartSeries(MeanClasses, [.. steps.Select(s => new ChartStep(s.From, s.To, s.Point.MeanClasses))])],
            bands, new ChartScale(Math.Max(k, 1)), steps[0].From, steps[^1].To,
            Invariant($"batch index in storage order (a batch: {coverage.BatchSize:N0} consecutive samples)"),
            k, Invariant($"K = {k:N0}: a batch below this line misses a class"));
        html.Append($"</div>\n");
    }
}
