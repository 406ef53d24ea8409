namespace DataScrub.Samples;

/// <summary>What a file name says about an image's container.</summary>
public static class ImageContainers
{
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
