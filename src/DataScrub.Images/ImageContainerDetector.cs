using DataScrub.Images.Structure;
using DataScrub.Samples;

namespace DataScrub.Images;

/// <summary>Tells an image's container from its leading bytes, whatever the file is called.</summary>
public static class ImageContainerDetector
{
    /// <summary>The container the bytes start like; <see cref="ImageContainer.Unknown"/> for none.</summary>
    public static ImageContainer Detect(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return ImageContainer.Jpeg;
        if (data.StartsWith(PngStructure.Signature)) return ImageContainer.Png;
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)) return ImageContainer.Gif;
        if (data.Length >= 14 && data.StartsWith("BM"u8)) return ImageContainer.Bmp;
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8)) return ImageContainer.WebP;
        // Classic TIFF (42) and BigTIFF (43, 64-bit offsets), either byte order.
        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8) || data.StartsWith("II+\0"u8) || data.StartsWith("MM\0+"u8)) return ImageContainer.Tiff;
        if (data.Length >= 2 && data[0] == (byte)'P' && data[1] is >= (byte)'1' and <= (byte)'7') return ImageContainer.Pnm;
        return ImageContainer.Unknown;
    }
}
