using DataScrub.Checks.Images;
using DataScrub.Records;

namespace DataScrub.Formats.ImageFolder;

/// <summary>An image file's record is the file's bytes; its name gives the expected format, its folder
/// or listfile line the label. One instance per (format, label) pair, shared by every such file.</summary>
internal sealed class ImageFileDecoder(ImageContainer expected, long? label) : IRecordDecoder
{
    public string Name => "image file";

    public string? Decode(ReadOnlySpan<byte> record, SampleContent content)
    {
        content.SetEncodedImage(0, record.Length);
        content.ExpectedImageContainer = expected;
        content.Label = label;
        return null;
    }
}
