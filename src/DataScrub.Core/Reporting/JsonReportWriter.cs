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
        json.WriteNumber("exitCode", report.ExitCode);
        if (report.Settings is { } settings) WriteSettings(json, settings);
        json.WriteStartArray("datasets");
        foreach (var dataset in report.Datasets) WriteDataset(json, dataset);
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
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

    private static void WriteSettings(Utf8JsonWriter json, ReportSettings s)
    {
        json.WriteStartObject("settings");
        WriteNullableNumber(json, "numClasses", s.NumClasses);
        json.WriteStartArray("batchSizes");
        foreach (var b in s.BatchSizes) json.WriteNumberValue(b);
        json.WriteEndArray();
        json.WriteString("loss", s.Loss == Analysis.LossKind.BatchNormalized ? "batch-normalized" : "softmax");
        WriteNullableNumber(json, "ignoreLabel", s.IgnoreLabel);
        json.WriteStartObject("severity");
        foreach (var (kind, severity) in s.Severities.Overrides.OrderBy(o => FindingKinds.OrderOf(o.Key)))
            json.WriteString(kind.Name, SeverityPolicy.Word(severity));
        json.WriteEndObject();
        json.WriteEndObject();
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
