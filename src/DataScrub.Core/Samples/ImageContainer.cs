namespace DataScrub.Samples;

/// <summary>The image container formats DataScrub recognises (by leading bytes, in the image checks; by file
/// extension, here). A name only: no decoding happens in Core.</summary>
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
