using DataScrub.Records;

namespace DataScrub.Formats.ImageFolder;

/// <summary>An image file's payload is one encoded image, the file's bytes. What the file's name and place say (the
/// expected container, the label, the mask) the reader puts on the sample, so one stateless instance serves every
/// image file.</summary>
internal sealed class ImageFileDecoder : IRecordDecoder
{
    public static ImageFileDecoder Instance { get; } = new();

    private ImageFileDecoder()
    {
    }

    public string Name => "image file";

    public string? Decode(ReadOnlySpan<byte> record, SampleContent content)
    {
        content.SetEncodedImage(0, record.Length);
        return null;
    }
}
