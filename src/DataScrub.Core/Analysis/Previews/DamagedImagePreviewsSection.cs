using System.Text.Json;
using DataScrub.Reporting;

namespace DataScrub.Analysis.Previews;

/// <summary>A small picture of what a damaged image's decoder returned before it failed (the decoded prefix).</summary>
/// <param name="SampleIndex">Storage-order index of the sample.</param>
/// <param name="Sample">The sample id as reports show it.</param>
/// <param name="Kind">The finding kind the image has (<c>truncated-image</c>, <c>corrupt-image</c>).</param>
/// <param name="Width">The image's declared width.</param>
/// <param name="Height">The image's declared height.</param>
/// <param name="DecodedRows">Rows the decoder produced before it stopped.</param>
/// <param name="Png">The thumbnail, a PNG of at most 128 x 128 pixels.</param>
public sealed record DamagedImagePreview(long SampleIndex, string Sample, string Kind, int Width, int Height, int DecodedRows, byte[] Png);

/// <summary>Thumbnails of the first damaged images (in storage order) whose decoders returned part of the picture;
/// for the HTML report (not part of the JSON report: it holds pixels).</summary>
/// <remarks>
/// Neither the JSON report nor the console shows it: the pixels are for pictures, and the list of previewed samples
/// would only repeat their <c>truncated-image</c>/<c>corrupt-image</c> findings. Keeping it out of the JSON also keeps
/// that report independent of which decoders can return part of an image (libjpeg-turbo and libpng can; ImageSharp,
/// giflib, libtiff and libwebp are not asked), so the same data gives the same JSON on a machine without them.
/// </remarks>
public sealed record DamagedImagePreviewsSection(IReadOnlyList<DamagedImagePreview> Previews) : IReportSection
{
    public string Name => "previews";

    public int Order => 600;

    /// <summary>Nothing (see the remarks): the section is not part of the JSON report.</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
    }

    public void WriteConsole(TextWriter output)
    {
    }
}
