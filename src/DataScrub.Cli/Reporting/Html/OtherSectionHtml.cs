using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataScrub.Reporting;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>A section this page has no picture for (an analysis newer than the HTML report): its JSON, folded, so
/// that a new analysis shows up without a change here. Sections that write no JSON (the mean image) are left out.</summary>
public static class OtherSectionHtml
{
    public const int MaxChars = 64 * 1024;

    public static void Write(HtmlBuilder html, IReportSection section)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            section.WriteJson(json);
            json.WriteEndObject();
        }
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        if (text.Replace(" ", "").Replace("\n", "").Replace("\r", "") is "{}") return;
        var shown = text.Length > MaxChars ? text[..MaxChars] + "\n…" : text;
        html.Append($"<details class=\"other-section\"><summary>{section.Name} (as in the JSON report)</summary><pre>{shown}</pre></details>\n");
    }
}
