namespace DataScrub.Checks.Images;

/// <summary>The image container formats DataScrub recognises by their leading bytes.</summary>
public enum ImageContainer
{
    Unknown,
    Jpeg,
    Png,
    Gif,
    Bmp,
    WebP,
    Tiff,
    Pnm,
}

public static class ImageContainers
{
    /// <summary>The container the bytes start like, whatever the file is called.</summary>
    public static ImageContainer Sniff(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return ImageContainer.Jpeg;
        if (data.StartsWith(PngStructure.Signature)) return ImageContainer.Png;
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)) return ImageContainer.Gif;
        if (data.Length >= 14 && data.StartsWith("BM"u8)) return ImageContainer.Bmp;
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8)) return ImageContainer.WebP;
        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8)) return ImageContainer.Tiff;
        if (data.Length >= 2 && data[0] == (byte)'P' && data[1] is >= (byte)'1' and <= (byte)'7') return ImageContainer.Pnm;
        return ImageContainer.Unknown;
    }

    /// <summary>The container a file extension promises, or null for extensions that are not images.</summary>
    public static ImageContainer? FromExtension(string extension) => extension.ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" or ".jpe" => ImageContainer.Jpeg,
        ".png" => ImageContainer.Png,
        ".gif" => ImageContainer.Gif,
        ".bmp" => ImageContainer.Bmp,
        ".webp" => ImageContainer.WebP,
        ".tif" or ".tiff" => ImageContainer.Tiff,
        ".ppm" or ".pgm" or ".pbm" or ".pnm" => ImageContainer.Pnm,
        _ => null,
    };
}
