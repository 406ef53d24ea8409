using DataScrub.Analysis.Previews;
using static System.FormattableString;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>
/// The <c>previews</c> section: what each damaged image's decoder returned before it failed, as an inline PNG
/// (a <c>data:</c> URL, so the file stays self-contained), with its sample, kind and how many rows were decoded.
/// At most <see cref="MaxPreviews"/> and <see cref="MaxPngBytes"/> each, so the page stays small; bytes that are
/// not a PNG are not embedded.
/// </summary>
public static class PreviewsHtml
{
    public const int MaxPreviews = 60;

    /// <summary>A 128 x 128 RGBA PNG is at most ~66 kB even uncompressed.</summary>
    public const int MaxPngBytes = 96 * 1024;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static void Write(HtmlBuilder html, DamagedImagePreviewsSection section)
    {
        if (section.Previews.Count == 0) return;
        html.Append($"<h3>Damaged images: what the decoder returned</h3>\n<div class=\"thumbs\">\n");
        foreach (var p in section.Previews.Take(MaxPreviews))
        {
            var rows = p.Height > 0 ? Math.Clamp((double)p.DecodedRows / p.Height, 0, 1) : 0;
            html.Append($"<figure class=\"thumb\" data-kind=\"{p.Kind}\"><div class=\"frame\">");
            if (IsEmbeddable(p.Png))
                html.Append($"<img src=\"data:image/png;base64,{Convert.ToBase64String(p.Png)}\" alt=\"decoded part of {p.Sample}\">");
            else
                html.Append($"<span class=\"note\">no picture ({p.Png.Length:N0} bytes, not a PNG of at most {MaxPngBytes / 1024} kB)</span>");
            html.Append($"</div><svg class=\"decoded\" viewBox=\"0 0 154 5\" width=\"154\" height=\"5\" role=\"img\" aria-label=\"rows decoded\"><title>{rows:P0} of the rows decoded</title><rect class=\"s-clean\" width=\"154\" height=\"5\"/><rect class=\"s-count\" width=\"{154 * rows:0.##}\" height=\"5\"/></svg>");
            html.Append($"<figcaption><span class=\"key\">{p.Sample}</span><br><code>{p.Kind}</code> · #{p.SampleIndex:N0}<br>{p.Width:N0}×{p.Height:N0}, rows 0–{Math.Max(p.DecodedRows - 1, 0):N0} decoded ({rows:P0})</figcaption></figure>\n");
        }
        html.Append($"</div>\n");
        if (section.Previews.Count > MaxPreviews)
            html.Append($"<p class=\"note\">{section.Previews.Count - MaxPreviews:N0} more previews are not shown.</p>\n");
    }

    private static bool IsEmbeddable(byte[] png) => png.Length <= MaxPngBytes && png.AsSpan().StartsWith(PngSignature);
}
