using System.Globalization;
using System.Text.Json;
using DataScrub.Reporting;

namespace DataScrub.Analysis.Labels;

/// <summary>The <c>labels</c> section: samples per label, the ignore label, the class names, and K with its batches.</summary>
/// <param name="Counts">Samples per label, ascending by label.</param>
/// <param name="Unlabelled">Samples without a label (including unreadable records).</param>
/// <param name="IgnoreLabel">The label the loss ignores (<c>--ignore-label</c>), and <paramref name="Ignored"/> how many samples carry it.</param>
/// <param name="ClassNames">Class name → label, when the dataset's layout names its classes.</param>
/// <param name="Balance">Classes and batches (null when no sample had a class label, or without the class analyses).</param>
public sealed record LabelsSection(IReadOnlyList<KeyValuePair<long, long>> Counts, long Unlabelled, long? IgnoreLabel, long Ignored,
    IReadOnlyDictionary<string, long>? ClassNames, ClassBalanceReport? Balance) : IReportSection
{
    public string Name => "labels";

    public int Order => 100;

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject(Name);
        json.WriteStartObject("histogram");
        foreach (var (label, count) in Counts) json.WriteNumber(label.ToString(CultureInfo.InvariantCulture), count);
        json.WriteEndObject();
        json.WriteNumber("unlabelled", Unlabelled);
        if (IgnoreLabel is { } ignore)
        {
            json.WriteNumber("ignoreLabel", ignore);
            json.WriteNumber("ignored", Ignored);
        }
        if (ClassNames is not null)
        {
            json.WriteStartObject("classes");
            foreach (var (name, label) in ClassNames.OrderBy(c => c.Value)) json.WriteNumber(name, label);
            json.WriteEndObject();
        }
        if (Balance is { } balance) WriteClassBalance(json, balance);
        json.WriteEndObject();
    }

    public void WriteConsole(TextWriter output)
    {
        var named = NameLookup();
        if (Counts.Count > 0 || Unlabelled > 0)
        {
            var labels = Counts.Count == 0 ? "none" : string.Join(", ", Counts.Take(12).Select(l => $"{l.Key}{named(l.Key)}: {l.Value}"));
            var more = Counts.Count > 12 ? $", ... ({Counts.Count} labels)" : "";
            var unlabelled = Unlabelled > 0 ? $"; {Unlabelled} without label" : "";
            var ignored = IgnoreLabel is { } v && Ignored > 0 ? $"; {Ignored} with the ignore label {v}" : "";
            output.WriteLine($"  labels: {labels}{more}{unlabelled}{ignored}");
        }
        if (Balance is { } balance) WriteClassBalance(balance, output, named);
    }

    /// <summary>A compact text histogram (the largest and smallest classes) and one line per batch size.</summary>
    private void WriteClassBalance(ClassBalanceReport balance, TextWriter output, Func<long, string> named)
    {
        var inv = CultureInfo.InvariantCulture;
        var from = balance.NumClassesFrom switch
        {
            "option" => "given",
            "class-folders" => "the class folders",
            "dense-labels" => "inferred: largest label below the far ones + 1",
            _ => "inferred: largest label + 1",
        };
        output.WriteLine(string.Create(inv, $"  classes: K = {balance.NumClasses} ({from}), {balance.Labelled} labelled samples, {balance.AbsentCount} absent"));
        if (balance.Warning is not null) output.WriteLine($"  warning: {balance.Warning}");
        // The classes present and the absent ones named: not Enumerable.Range(0, K), which a huge K makes endless.
        var counts = Counts.Where(l => l.Key >= 0 && l.Key < balance.NumClasses).Select(l => (Class: l.Key, Count: l.Value))
            .Concat(balance.Absent.Select(c => (Class: c, Count: 0L))).ToList();
        var ordered = counts.OrderByDescending(c => c.Count).ThenBy(c => c.Class).ToList();
        var shown = ordered.Count <= 10 ? ordered : [.. ordered.Take(5), .. ordered.TakeLast(5)];
        var max = Math.Max(1, ordered.Count > 0 ? ordered[0].Count : 1);
        for (var i = 0; i < shown.Count; i++)
        {
            if (ordered.Count > 10 && i == 5) output.WriteLine(string.Create(inv, $"    ... {balance.NumClasses - 10} more classes"));
            var (c, n) = shown[i];
            var bar = new string('#', (int)Math.Ceiling(20.0 * n / max));
            output.WriteLine(string.Create(inv, $"    {c,6} {bar,-20} {n} ({(double)n / Math.Max(1, balance.Labelled):P1}){named(c)}"));
        }
        foreach (var b in balance.Batches)
            output.WriteLine(string.Create(inv,
                $"  batch {b.BatchSize}: a shuffled batch misses a class with p = {b.AnyClassMissProbability:0.####}{(b.Exact ? "" : " (bound)")}; storage order: {b.StorageOrderMissing} of {b.StorageOrderBatches} batches miss one{(b.RecommendedBatchSize is { } r ? $"; smallest safe batch: {r}" : "")}"));
    }

    /// <summary>Label → " (name)" for the labels the dataset names (class folders, --class-names), "" for the others.</summary>
    private Func<long, string> NameLookup()
    {
        if (ClassNames is null) return _ => "";
        var names = ClassNames.GroupBy(c => c.Value).ToDictionary(g => g.Key, g => g.First().Key);
        return label => names.TryGetValue(label, out var name) ? $" ({name})" : "";
    }

    private static void WriteClassBalance(Utf8JsonWriter json, ClassBalanceReport balance)
    {
        json.WriteNumber("numClasses", balance.NumClasses);
        json.WriteBoolean("inferred", balance.Inferred);
        json.WriteString("numClassesFrom", balance.NumClassesFrom);
        if (balance.FarLabels.Count > 0)
        {
            json.WriteStartArray("farLabels");
            foreach (var l in balance.FarLabels) json.WriteNumberValue(l);
            json.WriteEndArray();
        }
        if (balance.Warning is not null) json.WriteString("warning", balance.Warning);
        json.WriteNumber("labelled", balance.Labelled);
        json.WriteNumber("absentCount", balance.AbsentCount);
        json.WriteStartArray("absent");
        foreach (var c in balance.Absent) json.WriteNumberValue(c);
        json.WriteEndArray();
        json.WriteStartArray("batches");
        foreach (var b in balance.Batches)
        {
            json.WriteStartObject();
            json.WriteNumber("batchSize", b.BatchSize);
            json.WriteNumber("anyClassMissProbability", b.AnyClassMissProbability);
            json.WriteBoolean("exact", b.Exact);
            json.WriteNumber("errorBound", b.ErrorBound);
            json.WriteNumber("expectedMissingBatchesPerEpoch", b.ExpectedMissingBatchesPerEpoch);
            json.WriteStartObject("classMissProbabilities");
            foreach (var (c, p) in b.ClassMissProbabilities) json.WriteNumber(c.ToString(CultureInfo.InvariantCulture), p);
            json.WriteEndObject();
            json.WriteStartObject("storageOrder");
            json.WriteNumber("batches", b.StorageOrderBatches);
            json.WriteNumber("missing", b.StorageOrderMissing);
            json.WriteEndObject();
            if (b.RecommendedBatchSize is { } r) json.WriteNumber("recommendedBatchSize", r);
            else json.WriteNull("recommendedBatchSize");
            json.WriteBoolean("recommendationExact", b.RecommendationExact);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
