using System.Text.Encodings.Web;
using System.Text.Json;

namespace DataScrub.Rebuild;

/// <summary><c>DST/datascrub-rebuild.json</c>: where the copy came from, with which options, the counts, every
/// dropped sample and every file or list entry left out whole, with their reasons (schema <c>datascrub-rebuild/1</c>).</summary>
public static class RebuildManifest
{
    public const string Schema = "datascrub-rebuild/1";

    public static string Write(string path, string tool, RebuildRequest request, string format, string targetFormat, Reporting.DatasetReport source,
        RebuildPlan plan, long written, IReadOnlyList<string> notes)
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
            json.WriteBoolean("dropBad", request.Drop.DropErrors);
            json.WriteStartArray("drop");
            foreach (var kind in request.Drop.Kinds.Select(k => k.Name).Order(StringComparer.Ordinal)) json.WriteStringValue(kind);
            json.WriteEndArray();
            json.WriteStartArray("droppedKinds");
            foreach (var kind in request.Drop.DroppedKinds) json.WriteStringValue(kind.Name);
            json.WriteEndArray();
            if (request.ShuffleSeed is { } seed) json.WriteNumber("shuffleSeed", seed);
            else json.WriteNull("shuffleSeed");
            json.WriteEndObject();
            json.WriteStartObject("counts");
            json.WriteNumber("source", source.Samples);
            json.WriteNumber("dropped", plan.DroppedSamples);
            json.WriteNumber("written", written);
            json.WriteEndObject();
            json.WriteStartArray("notes");
            foreach (var note in notes) json.WriteStringValue(note);
            json.WriteEndArray();
            WriteDroppedFiles(json, plan.DroppedFiles);
            json.WriteStartArray("dropped");
            foreach (var d in plan.Dropped)
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

    /// <summary><c>droppedFiles</c>: the files and list entries left out whole (also in the report's rebuild section).</summary>
    public static void WriteDroppedFiles(Utf8JsonWriter json, IReadOnlyList<DroppedFile> files)
    {
        json.WriteStartArray("droppedFiles");
        foreach (var f in files)
        {
            json.WriteStartObject();
            json.WriteString("file", f.Name);
            json.WriteStartArray("kinds");
            foreach (var kind in f.Kinds) json.WriteStringValue(kind);
            json.WriteEndArray();
            json.WriteNumber("samples", f.Samples);
            json.WriteString("reason", f.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
