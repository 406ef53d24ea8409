using DataScrub.Analysis.Labels;
using DataScrub.Cli.Reporting.Html.Charts;
using static System.FormattableString;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>
/// The <c>labels</c> section: K and where it came from, the class histogram, the absent classes and the batch
/// mathematics. Up to <see cref="LabelledBars"/> classes the histogram is one named bar per class; beyond, thin
/// columns by label (where the absent classes are, each marked under the axis) and by count (how skewed the
/// classes are), one column per class up to <see cref="SvgColumnChart.MaxColumns"/> and per run of classes
/// beyond, with the largest and smallest classes named in a table, so 1,000 or 20,000 classes stay readable.
/// </summary>
public static class LabelsHtml
{
    public const int LabelledBars = 40;

    /// <summary>Absent classes named on the page (the report itself names at most its own limit).</summary>
    public const int NamedAbsent = 200;

    public const int ExtremeClasses = 10;

    public static void Write(HtmlBuilder html, LabelsSection labels, ClassLabels names)
    {
        if (labels.Counts.Count == 0 && labels.Unlabelled == 0 && labels.Balance is null) return;
        html.Append($"<h3>Labels and classes</h3>\n");
        WriteFacts(html, labels);
        html.Append($"<div class=\"figures\">\n");
        if (labels.Balance is { } balance)
        {
            var counts = labels.Counts.Where(c => c.Key >= 0 && c.Key < balance.NumClasses).ToList();
            WriteClassHistogram(html, counts, balance, names);
            WriteBatches(html, balance, names);
            html.Append($"</div>\n");
            WriteAbsent(html, balance, names);
        }
        else
        {
            if (labels.Counts.Count > 0) WriteLabelHistogram(html, labels.Counts, names);
            html.Append($"</div>\n");
        }
    }

    private static void WriteFacts(HtmlBuilder html, LabelsSection labels)
    {
        HtmlFacts.Start(html);
        if (labels.Balance is { } b)
        {
            var from = b.NumClassesFrom switch
            {
                "option" => "given (--num-classes)",
                "class-folders" => "from the class folders",
                "dense-labels" => "inferred: the largest label below a few far ones + 1",
                _ => "inferred: the largest label + 1",
            };
            HtmlFacts.Add(html, "classes (K)", Invariant($"{b.NumClasses:N0}, {from}"));
            HtmlFacts.Add(html, "labelled samples", Invariant($"{b.Labelled:N0} in [0, K)"));
            HtmlFacts.Add(html, "absent classes", Invariant($"{b.AbsentCount:N0}"), b.AbsentCount > 0 ? "sev-error" : null);
            var outside = labels.Counts.Where(c => c.Key < 0 || c.Key >= b.NumClasses).Sum(c => c.Value);
            if (outside > 0) HtmlFacts.Add(html, "outside [0, K)", Invariant($"{outside:N0} samples"), "sev-error");
            if (b.FarLabels.Count > 0) HtmlFacts.Add(html, "far labels", string.Join(", ", b.FarLabels.Take(20)) + (b.FarLabels.Count > 20 ? ", …" : ""));
        }
        else
        {
            HtmlFacts.Add(html, "labelled samples", Invariant($"{labels.Counts.Sum(c => c.Value):N0}"));
        }
        HtmlFacts.Add(html, "without a label", Invariant($"{labels.Unlabelled:N0}"));
        if (labels.IgnoreLabel is { } ignore) HtmlFacts.Add(html, Invariant($"ignore label {ignore}"), Invariant($"{labels.Ignored:N0} samples"));
        HtmlFacts.End(html);
        if (labels.Balance?.Warning is { } warning) html.Append($"<p class=\"sev-warning\">{warning}</p>\n");
    }

    private static void WriteClassHistogram(HtmlBuilder html, IReadOnlyList<KeyValuePair<long, long>> counts, ClassBalanceReport balance, ClassLabels names)
    {
        var k = balance.NumClasses;
        var labelled = Math.Max(1, balance.Labelled);
        if (k <= LabelledBars)
        {
            var byClass = counts.ToDictionary(c => c.Key, c => c.Value);
            var bars = new List<ChartBar>();
            for (var c = 0L; c < k; c++)
            {
                var n = byClass.GetValueOrDefault(c);
                bars.Add(ClassBar(names.Text(c), n, labelled));
            }
            html.Append($"<div class=\"figure\"><h4>Samples per class</h4>\n");
            SvgHorizontalBarChart.Write(html, "Samples per class, by label", bars, [ChartSegment.Samples]);
            html.Append($"</div>\n");
            return;
        }
        html.Append($"<div class=\"figure\"><h4>Samples per class</h4>\n");
        SvgColumnChart.Write(html, "Samples per class, by label", ByLabel(counts, k, labelled, names), [ChartSegment.Samples], "class, by label");
        html.Append($"</div>\n<div class=\"figure\"><h4>Classes sorted by size</h4>\n");
        SvgColumnChart.Write(html, "Samples per class, largest first", ByRank(counts, k, labelled, names), [ChartSegment.Samples], "classes, largest first");
        html.Append($"</div>\n");
        WriteExtremes(html, counts, balance, names);
    }

    private static ChartBar ClassBar(string label, long n, long labelled) =>
        new(label, [n], n == 0 ? $"class {label}: absent (no sample)" : Invariant($"class {label}: {n:N0} samples ({(double)n / labelled:P1} of the labelled)"))
        {
            Marked = n == 0,
            ValueText = n == 0 ? "absent" : Invariant($"{n:N0} ({(double)n / labelled:P1})"),
        };

    /// <summary>A column per class, or per run of <c>ceil(K / 1000)</c> classes (its mean, with min and max in the tooltip).</summary>
    private static List<ChartBar> ByLabel(IReadOnlyList<KeyValuePair<long, long>> counts, long k, long labelled, ClassLabels names)
    {
        var width = (k + SvgColumnChart.MaxColumns - 1) / SvgColumnChart.MaxColumns;
        var bars = new List<ChartBar>();
        var next = 0;
        for (var first = 0L; first < k; first += width)
        {
            var last = Math.Min(first + width, k) - 1;
            long sum = 0, present = 0, min = long.MaxValue, max = 0;
            for (; next < counts.Count && counts[next].Key <= last; next++)
            {
                var n = counts[next].Value;
                sum += n;
                present++;
                min = Math.Min(min, n);
                max = Math.Max(max, n);
            }
            var size = last - first + 1;
            if (size == 1)
            {
                bars.Add(ClassBar(names.Text(first), sum, labelled));
                continue;
            }
            var absent = size - present;
            if (absent > 0) min = 0;
            var mean = (double)sum / size;
            bars.Add(new ChartBar(names.Text(first), [mean],
                Invariant($"classes {names.Text(first)} – {names.Text(last)}: {sum:N0} samples, {mean:N1} per class (min {min:N0}, max {max:N0}){(absent > 0 ? Invariant($", {absent:N0} absent") : "")}"))
            {
                Marked = absent > 0,
            });
        }
        return bars;
    }

    /// <summary>Classes from the largest to the absent ones; runs of ranks beyond 1,000 classes.</summary>
    private static List<ChartBar> ByRank(IReadOnlyList<KeyValuePair<long, long>> counts, long k, long labelled, ClassLabels names)
    {
        var sorted = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).ToList();
        var width = (k + SvgColumnChart.MaxColumns - 1) / SvgColumnChart.MaxColumns;
        var bars = new List<ChartBar>();
        for (var first = 0L; first < k; first += width)
        {
            var last = Math.Min(first + width, k) - 1;
            if (width == 1)
            {
                bars.Add(first < sorted.Count
                    ? ClassBar(names.Text(sorted[(int)first].Key), sorted[(int)first].Value, labelled)
                    : new ChartBar(Invariant($"rank {first + 1}"), [0], Invariant($"rank {first + 1}: an absent class (no sample)")) { Marked = true });
                continue;
            }
            long sum = 0;
            for (var r = first; r <= last && r < sorted.Count; r++) sum += sorted[(int)r].Value;
            var absent = Math.Max(0, last + 1 - Math.Max(first, sorted.Count));
            var mean = (double)sum / (last - first + 1);
            var around = first < sorted.Count ? " from " + names.Text(sorted[(int)first].Key) : "";
            bars.Add(new ChartBar(Invariant($"rank {first + 1}"), [mean],
                Invariant($"ranks {first + 1:N0}–{last + 1:N0}{around}: {mean:N1} samples per class{(absent > 0 ? Invariant($", {absent:N0} absent") : "")}"))
            {
                Marked = absent > 0,
            });
        }
        return bars;
    }

    private static void WriteExtremes(HtmlBuilder html, IReadOnlyList<KeyValuePair<long, long>> counts, ClassBalanceReport balance, ClassLabels names)
    {
        var sorted = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).ToList();
        var labelled = Math.Max(1, balance.Labelled);
        void Rows(string title, IEnumerable<KeyValuePair<long, long>> rows)
        {
            html.Append($"<table class=\"extremes\"><caption class=\"note\">{title}</caption><thead><tr><th>class</th><th class=\"num\">samples</th><th class=\"num\">share</th></tr></thead><tbody>");
            foreach (var (c, n) in rows)
                html.Append($"<tr><td>{names.Text(c)}</td><td class=\"num\">{n:N0}</td><td class=\"num\">{Share(n, labelled)}</td></tr>");
            html.Append($"</tbody></table>\n");
        }
        html.Append($"<div class=\"figure side\">");
        Rows(Invariant($"The {Math.Min(ExtremeClasses, sorted.Count)} largest classes"), sorted.Take(ExtremeClasses));
        Rows(Invariant($"The {Math.Min(ExtremeClasses, sorted.Count)} smallest classes with samples"), sorted.TakeLast(ExtremeClasses).Reverse());
        html.Append($"</div>\n");
    }

    /// <summary>A class's share of the labelled samples; a tiny one says so rather than rounding to 0.</summary>
    private static string Share(long n, long labelled)
    {
        var share = (double)n / labelled;
        return share is > 0 and < 0.0001 ? "< 0.01 %" : Invariant($"{share:P2}");
    }

    private static void WriteAbsent(HtmlBuilder html, ClassBalanceReport balance, ClassLabels names)
    {
        if (balance.AbsentCount == 0) return;
        var named = balance.Absent.Take(NamedAbsent).ToList();
        html.Append($"<p class=\"sev-error\">{balance.AbsentCount:N0} absent class{(balance.AbsentCount == 1 ? "" : "es")} (no sample):</p><p class=\"absent\">");
        html.Append($"{string.Join(", ", named.Select(names.Text))}{(balance.AbsentCount > named.Count ? Invariant($" and {balance.AbsentCount - named.Count:N0} more") : "")}</p>\n");
    }

    private static void WriteBatches(HtmlBuilder html, ClassBalanceReport balance, ClassLabels names)
    {
        if (balance.Batches.Count == 0) return;
        html.Append($"<div class=\"figure\"><h4>Batches</h4>\n<table class=\"batches\"><thead><tr><th class=\"num\">batch size</th><th class=\"num\" title=\"P(a shuffled batch misses a class present)\">P(shuffled batch misses a class)</th><th class=\"num\">such batches per epoch</th><th class=\"num\" title=\"batches read in storage order (unshuffled) that miss a class\">unshuffled batches missing one</th><th class=\"num\">smallest safe size</th><th>most often missing</th></tr></thead><tbody>\n");
        foreach (var b in balance.Batches)
        {
            var probability = b.Exact ? Invariant($"{b.AnyClassMissProbability:0.####}") : Invariant($"≤ {b.AnyClassMissProbability:0.####} (bound, ±{b.ErrorBound:0.###})");
            var recommended = b.RecommendedBatchSize is { } r ? Invariant($"{(b.RecommendationExact ? "" : "≤ ")}{r:N0}") : "none up to the limit";
            var missing = string.Join(", ", b.ClassMissProbabilities.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(5)
                .Select(c => Invariant($"{names.Text(c.Key)} (p = {c.Value:0.###})")));
            var storageClass = b.StorageOrderMissing > 0 ? "num sev-error" : "num";
            html.Append($"<tr><td class=\"num\">{b.BatchSize:N0}</td><td class=\"num\">{probability}</td><td class=\"num\">{b.ExpectedMissingBatchesPerEpoch:0.##}</td>");
            html.Append($"<td class=\"{storageClass}\">{b.StorageOrderMissing:N0} of {b.StorageOrderBatches:N0}</td><td class=\"num\">{recommended}</td><td>{missing}</td></tr>\n");
        }
        html.Append($"</tbody></table></div>\n");
    }

    /// <summary>Labels without K (no class analysis): samples per label as they are.</summary>
    private static void WriteLabelHistogram(HtmlBuilder html, IReadOnlyList<KeyValuePair<long, long>> counts, ClassLabels names)
    {
        var total = Math.Max(1, counts.Sum(c => c.Value));
        html.Append($"<div class=\"figure\"><h4>Samples per label</h4>\n");
        if (counts.Count <= LabelledBars)
        {
            SvgHorizontalBarChart.Write(html, "Samples per label", [.. counts.Select(c => ClassBar(names.Text(c.Key), c.Value, total))], [ChartSegment.Samples]);
            html.Append($"</div>\n");
            return;
        }
        var bars = ChartBuckets.Of(counts, SvgColumnChart.MaxColumns).Select(run =>
        {
            var sum = run.Sum(c => c.Value);
            return run.Count == 1
                ? ClassBar(names.Text(run[0].Key), sum, total)
                : new ChartBar(names.Text(run[0].Key), [(double)sum / run.Count], Invariant($"labels {run[0].Key}–{run[^1].Key}: {sum:N0} samples"));
        }).ToList();
        SvgColumnChart.Write(html, "Samples per label", bars, [ChartSegment.Samples], "label (present labels only)");
        html.Append($"</div>\n");
    }
}
