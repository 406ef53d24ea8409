using System.Globalization;
using System.Text.Json;
using DataScrub.Formats.Caffe.Definitions;
using DataScrub.Reporting;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>
/// The <c>definition</c> section of a linted prototxt: what DataScrub understood of it, so that a user can check the
/// reading behind the findings. A solver: its learning-rate policy and the rate at a few iterations, and its train
/// net. A net: its layers, the data layers of the checked phase and what a scan takes from them, the classes and the
/// loss. Then short suggestions.
/// </summary>
public sealed record DefinitionSection(string Kind, string Phase) : IReportSection
{
    public string Name => "definition";

    public int Order => 50;

    public string? LrPolicy { get; init; }
    public float? BaseLr { get; init; }
    /// <summary>The iterations the schedule was computed over (max_iter, or 10^6 when unset).</summary>
    public long? Iterations { get; init; }
    public IReadOnlyList<KeyValuePair<long, float>> Rates { get; init; } = [];
    /// <summary>The solver's train net: a path as resolved, or "inline (net_param)".</summary>
    public string? TrainNet { get; init; }

    public int? Layers { get; init; }
    public int? LayersInPhase { get; init; }
    public NetTrainingFacts? Facts { get; init; }

    public IReadOnlyList<string> Suggestions { get; init; } = [];

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject(Name);
        json.WriteString("kind", Kind);
        json.WriteString("phase", Phase);
        if (LrPolicy is not null)
        {
            json.WriteStartObject("learningRate");
            json.WriteString("policy", LrPolicy);
            if (BaseLr is { } lr) json.WriteNumber("baseLr", lr);
            if (Iterations is { } n) json.WriteNumber("iterations", n);
            json.WriteStartArray("rates");
            foreach (var (iteration, rate) in Rates)
            {
                json.WriteStartObject();
                json.WriteNumber("iteration", iteration);
                if (float.IsFinite(rate)) json.WriteNumber("rate", rate);
                else json.WriteString("rate", rate.ToString(CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        if (TrainNet is not null) json.WriteString("trainNet", TrainNet);
        if (Layers is { } layers) json.WriteNumber("layers", layers);
        if (LayersInPhase is { } inPhase) json.WriteNumber("layersInPhase", inPhase);
        if (Facts is { } facts) WriteFacts(json, facts);
        json.WriteStartArray("suggestions");
        foreach (var s in Suggestions) json.WriteStringValue(s);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFacts(Utf8JsonWriter json, NetTrainingFacts facts)
    {
        json.WriteStartArray("dataLayers");
        foreach (var s in facts.Sources)
        {
            json.WriteStartObject();
            json.WriteString("layer", s.Layer.Name);
            json.WriteString("type", s.Layer.Type);
            json.WriteString("source", s.Source);
            json.WriteString("path", s.Path);
            json.WriteString("format", s.Format);
            json.WriteNumber("batchSize", s.BatchSize);
            json.WriteNumber("cropSize", s.CropSize);
            if (s.MeanFile is not null) json.WriteString("meanFile", s.MeanFile);
            if (s.Root is not null) json.WriteString("root", s.Root);
            if (s.DataTops is not null)
            {
                json.WriteStartArray("dataTops");
                foreach (var t in s.DataTops) json.WriteStringValue(t);
                json.WriteEndArray();
            }
            if (s.LabelTop is not null) json.WriteString("labelTop", s.LabelTop);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("notScanned");
        foreach (var n in facts.NotScanned) json.WriteStringValue(n);
        json.WriteEndArray();
        if (facts.NumClasses is { } k)
        {
            json.WriteNumber("numClasses", k);
            json.WriteString("numClassesFrom", facts.NumClassesFrom);
        }
        if (facts.Loss is { } loss)
        {
            json.WriteStartObject("loss");
            json.WriteString("layer", loss.Name);
            json.WriteString("type", loss.Type);
            json.WriteBoolean("batchNormalized", facts.BatchNormalizedLoss);
            if (facts.IgnoreLabel is { } ignore) json.WriteNumber("ignoreLabel", ignore);
            json.WriteEndObject();
        }
    }

    public void WriteConsole(TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        if (LrPolicy is not null)
            output.WriteLine(string.Create(inv, $"  learning rate: {(LrPolicy.Length == 0 ? "(no lr_policy)" : LrPolicy)}, base_lr {BaseLr}, over {Iterations:N0} iterations: ")
                + string.Join(", ", Rates.Select(r => string.Create(inv, $"{r.Value:G4} at {r.Key:N0}"))));
        if (TrainNet is not null) output.WriteLine($"  train net: {TrainNet}");
        if (Layers is { } layers) output.WriteLine($"  {layers} layers, {LayersInPhase} in the {Phase} net");
        if (Facts is { } facts)
        {
            foreach (var s in facts.Sources)
                output.WriteLine(string.Create(inv, $"  data: {s.Layer} {s.Format} {s.Source}, batch {s.BatchSize}{(s.CropSize > 0 ? $", crop {s.CropSize}" : "")}{(s.MeanFile is null ? "" : ", mean file")}"));
            foreach (var n in facts.NotScanned) output.WriteLine($"  not scanned: {n}");
            if (facts.Loss is { } loss)
                output.WriteLine($"  loss: {loss}{(facts.NumClasses is { } k ? $", {k} classes from {facts.NumClassesFrom}" : "")}"
                    + $"{(facts.IgnoreLabel is { } i ? $", ignore_label {i}" : "")}{(facts.BatchNormalizedLoss ? ", normalised per batch" : "")}");
        }
        foreach (var s in Suggestions) output.WriteLine($"  suggestion: {s}");
    }
}
