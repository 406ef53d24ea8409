using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataScrub.Findings;

namespace DataScrub.Reporting;

/// <summary>
/// Writes the versioned JSON report. Field names are a contract: later versions add fields and
/// sections, never rename or remove them (<see cref="Schema"/> changes only on a breaking change).
/// </summary>
public static class JsonReportWriter
{
    public const string Schema = "datascrub-report/1";

    public static void Write(ScanReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Indented = true,
            // Keys are arbitrary bytes rendered as text: keep them readable, JSON-escaped only where required.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("tool", report.Tool);
        if (report.Version is not null) json.WriteString("version", report.Version);
        json.WriteNumber("exitCode", report.ExitCode);
        // Whether every dataset was read to its end: a report of an interrupted scan covers only what was scanned.
        json.WriteBoolean("complete", report.Incomplete is null);
        if (report.Incomplete is { } incomplete) WriteIncomplete(json, incomplete);
        WriteTotals(json, report);
        if (report.Settings is { } settings) WriteSettings(json, settings);
        if (report.Shard is { } shard)
        {
            json.WriteStartObject("shard");
            json.WriteNumber("index", shard.Index);
            json.WriteNumber("count", shard.Count);
            json.WriteString("state", shard.State);
            // A shard's sample indices count from its own first sample: the merge numbers them in the dataset.
            json.WriteString("sampleIndices", "shard");
            json.WriteEndObject();
        }
        json.WriteStartArray("datasets");
        foreach (var dataset in report.Datasets) WriteDataset(json, dataset);
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteIncomplete(Utf8JsonWriter json, IncompleteScan incomplete)
    {
        json.WriteStartObject("incomplete");
        json.WriteString("reason", incomplete.Reason);
        json.WriteString("message", incomplete.Message);
        json.WriteString("dataset", incomplete.Dataset);
        json.WriteStartObject("position");
        json.WriteNumber("nextUnit", incomplete.NextUnit);
        json.WriteNumber("units", incomplete.Units);
        json.WriteNumber("samples", incomplete.Samples);
        WriteNullableString(json, "lastSample", incomplete.LastSample);
        json.WriteEndObject();
        WriteNullableString(json, "state", incomplete.State);
        WriteNullableString(json, "resume", incomplete.Resume);
        json.WriteEndObject();
    }

    public static string ToJson(ScanReport report)
    {
        using var buffer = new MemoryStream();
        Write(report, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteDataset(Utf8JsonWriter json, DatasetReport d)
    {
        json.WriteStartObject();
        json.WriteString("path", d.Path);
        WriteNullableString(json, "format", d.Format);
        if (d.Error is not null) json.WriteString("error", d.Error);
        json.WriteNumber("samples", d.Samples);
        WriteNullableNumber(json, "expectedSamples", d.ExpectedSamples);
        json.WriteNumber("bytes", d.Bytes);
        json.WriteNumber("seconds", Math.Round(d.Seconds, 3));
        json.WriteStartObject("counts");
        foreach (var (kind, count) in d.Counts) json.WriteNumber(kind.Name, count);
        json.WriteEndObject();
        // The same counts split by severity: a kind's findings may differ (context, --severity).
        json.WriteStartObject("countsBySeverity");
        foreach (var severity in new[] { Severity.Error, Severity.Warning })
        {
            json.WriteStartObject(SeverityPolicy.Word(severity));
            foreach (var c in d.SeverityCounts.Where(c => c.Severity == severity)) json.WriteNumber(c.Kind.Name, c.Count);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteStartArray("findings");
        foreach (var f in d.Findings) WriteFinding(json, f);
        json.WriteEndArray();
        foreach (var section in d.Sections) section.WriteJson(json);
        json.WriteEndObject();
    }

    /// <summary>The run's totals over every dataset, for a pipeline that reads one number: samples, findings by
    /// severity, and findings per kind.</summary>
    private static void WriteTotals(Utf8JsonWriter json, ScanReport report)
    {
        json.WriteStartObject("totals");
        json.WriteNumber("datasets", report.Datasets.Count);
        json.WriteNumber("samples", report.Datasets.Sum(d => d.Samples));
        json.WriteNumber("findings", report.Datasets.Sum(d => d.Counts.Sum(c => c.Value)));
        json.WriteNumber("errors", report.Datasets.Sum(d => d.SeverityCounts.Where(c => c.Severity == Severity.Error).Sum(c => c.Count)));
        json.WriteNumber("warnings", report.Datasets.Sum(d => d.SeverityCounts.Where(c => c.Severity == Severity.Warning).Sum(c => c.Count)));
        json.WriteStartObject("byKind");
        foreach (var (kind, count) in report.Totals) json.WriteNumber(kind.Name, count);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteSettings(Utf8JsonWriter json, ReportSettings s)
    {
        json.WriteStartObject("settings");
        WriteNullableNumber(json, "numClasses", s.NumClasses);
        // Where K comes from: the option, or each dataset's own facts (its labels.numClassesFrom says which).
        json.WriteString("numClassesFrom", s.NumClasses is null ? "dataset" : "option");
        json.WriteStartArray("batchSizes");
        foreach (var b in s.BatchSizes) json.WriteNumberValue(b);
        json.WriteEndArray();
        json.WriteString("loss", s.Loss == Analysis.LossKind.BatchNormalized ? "batch-normalized" : "softmax");
        WriteNullableNumber(json, "ignoreLabel", s.IgnoreLabel);
        json.WriteStartObject("severity");
        foreach (var (kind, severity) in s.Severities.Overrides.OrderBy(o => FindingKinds.OrderOf(o.Key)))
            json.WriteString(kind.Name, SeverityPolicy.Word(severity));
        json.WriteEndObject();
        WriteNullableString(json, "configFile", s.ConfigFile);
        if (s.Decoders.Count > 0)
        {
            json.WriteStartObject("decoders");
            foreach (var (container, decoder) in s.Decoders) json.WriteString(container, decoder);
            json.WriteEndObject();
        }
        if (s.Options.Count > 0)
        {
            json.WriteStartObject("options");
            foreach (var (name, value) in s.Options) WriteOptionValue(json, name, value);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteOptionValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(name); break;
            case string text: json.WriteString(name, text); break;
            case bool flag: json.WriteBoolean(name, flag); break;
            case int whole: json.WriteNumber(name, whole); break;
            case long whole: json.WriteNumber(name, whole); break;
            case double real: json.WriteNumber(name, real); break;
            case IEnumerable<int> numbers:
                json.WriteStartArray(name);
                foreach (var n in numbers) json.WriteNumberValue(n);
                json.WriteEndArray();
                break;
            case IEnumerable<string> texts:
                json.WriteStartArray(name);
                foreach (var t in texts) json.WriteStringValue(t);
                json.WriteEndArray();
                break;
            default: throw new ArgumentException($"option {name}: a value of type {value.GetType().Name} has no JSON form", nameof(value));
        }
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding f)
    {
        json.WriteStartObject();
        json.WriteString("kind", f.Kind.Name);
        json.WriteString("severity", SeverityPolicy.Word(f.Severity));
        WriteNullableString(json, "sample", f.Sample);
        WriteNullableString(json, "field", f.Field);
        WriteNullableNumber(json, "count", f.Count);
        WriteNullableNumber(json, "index", f.Index);
        // Store-level locations exist only for store findings: written only when known.
        if (f.File is not null) json.WriteString("file", f.File);
        if (f.Offset is not null) json.WriteNumber("offset", f.Offset.Value);
        if (f.Line is not null) json.WriteNumber("line", f.Line.Value);
        if (f.FirstRow is not null) json.WriteNumber("firstRow", f.FirstRow.Value);
        if (f.RowCount is not null) json.WriteNumber("rowCount", f.RowCount.Value);
        // Analysis context, written only on the findings that carry it.
        if (f.Class is not null) json.WriteNumber("class", f.Class.Value);
        if (f.Channel is not null) json.WriteNumber("channel", f.Channel.Value);
        if (f.Of is not null) json.WriteString("of", f.Of);
        if (f.BatchSize is not null) json.WriteNumber("batchSize", f.BatchSize.Value);
        if (f.Fraction is not null) json.WriteNumber("fraction", f.Fraction.Value);
        if (f.Probability is not null) json.WriteNumber("missProbability", f.Probability.Value);
        json.WriteString("message", f.Message);
        json.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    private static void WriteNullableNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteNumber(name, value.Value);
    }
}
