using DataScrub.Checks.Images;
using DataScrub.Records;

namespace DataScrub.Formats.ImageFolder;

/// <summary>An image file's record is the file's bytes; its name gives the expected format, its folder
/// or listfile line the label. One instance per (format, label, mask or not), shared by every such file.
/// With a mask the record is image, mask, mask length (4 bytes, little-endian): see ImageFolderReader.</summary>
internal sealed class ImageFileDecoder(ImageContainer expected, long? label, bool hasMask = false) : IRecordDecoder
{
    public string Name => "image file";

    public string? Decode(ReadOnlySpan<byte> record, SampleContent content)
    {
        var imageLength = record.Length;
        if (hasMask)
        {
            var maskLength = BitConverter.ToInt32(record[^sizeof(int)..]);
            imageLength = record.Length - sizeof(int) - maskLength;
            content.SetEncodedMask(imageLength, maskLength);
        }
        content.SetEncodedImage(0, imageLength);
        content.ExpectedImageContainer = expected;
        content.Label = label;
        return null;
    }
}
