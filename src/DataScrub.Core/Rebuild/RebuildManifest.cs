using System.Text.Encodings.Web;
using System.Text.Json;

namespace DataScrub.Rebuild;

/// <summary><c>DST/datascrub-rebuild.json</c>: where the copy came from, with which options, the counts, and
/// every dropped sample with its reasons (schema <c>datascrub-rebuild/1</c>).</summary>
public static class RebuildManifest
{
    public const string Schema = "datascrub-rebuild/1";

    public static string Write(string path, string tool, RebuildRequest request, string format, string targetFormat, Reporting.DatasetReport source, RebuildOutput output)
    {
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteString("tool", tool);
            json.WriteString("source", Path.GetFullPath(request.Source));
            json.WriteString("format", format);
            json.WriteString("targetFormat", targetFormat);
            json.WriteStartObject("options");
            json.WriteBoolean("dropBad", request.ScanOptions.Drop.DropErrors);
            json.WriteStartArray("drop");
            foreach (var kind in request.ScanOptions.Drop.Kinds.Select(k => k.Name).Order(StringComparer.Ordinal)) json.WriteStringValue(kind);
            json.WriteEndArray();
            json.WriteStartArray("droppedKinds");
            foreach (var kind in request.ScanOptions.Drop.DroppedKinds) json.WriteStringValue(kind.Name);
            json.WriteEndArray();
            if (request.ShuffleSeed is { } seed) json.WriteNumber("shuffleSeed", seed);
            else json.WriteNull("shuffleSeed");
            json.WriteEndObject();
            json.WriteStartObject("counts");
            json.WriteNumber("source", source.Samples);
            json.WriteNumber("dropped", source.Dropped.Count);
            json.WriteNumber("written", output.Written);
            json.WriteEndObject();
            json.WriteStartArray("notes");
            foreach (var note in output.Notes) json.WriteStringValue(note);
            json.WriteEndArray();
            json.WriteStartArray("dropped");
            foreach (var d in source.Dropped)
            {
                json.WriteStartObject();
                json.WriteNumber("index", d.Index);
                json.WriteString("sample", d.Id);
                json.WriteStartArray("kinds");
                foreach (var kind in d.Kinds) json.WriteStringValue(kind);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return path;
    }
}
