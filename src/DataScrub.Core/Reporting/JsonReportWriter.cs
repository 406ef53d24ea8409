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
        json.WriteStartArray("findings");
        foreach (var f in d.Findings) WriteFinding(json, f);
        json.WriteEndArray();
        json.WriteStartObject("labels");
        json.WriteStartObject("histogram");
        foreach (var (label, count) in d.LabelCounts) json.WriteNumber(label.ToString(CultureInfo.InvariantCulture), count);
        json.WriteEndObject();
        json.WriteNumber("unlabelled", d.Unlabelled);
        if (d.ClassNames is not null)
        {
            json.WriteStartObject("classes");
            foreach (var (name, label) in d.ClassNames.OrderBy(c => c.Value)) json.WriteNumber(name, label);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding f)
    {
        json.WriteStartObject();
        json.WriteString("kind", f.Kind.Name);
        json.WriteString("severity", f.Severity == Severity.Error ? "error" : "warning");
        WriteNullableString(json, "sample", f.Sample);
        WriteNullableString(json, "field", f.Field);
        WriteNullableNumber(json, "count", f.Count);
        WriteNullableNumber(json, "index", f.Index);
        // Store-level locations exist only for store findings: written only when known.
        if (f.File is not null) json.WriteString("file", f.File);
        if (f.Offset is not null) json.WriteNumber("offset", f.Offset.Value);
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
