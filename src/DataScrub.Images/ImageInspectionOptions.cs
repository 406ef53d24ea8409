namespace DataScrub.Images;

/// <summary>Limits for image checks.</summary>
/// <param name="MaxPixels">Declared width x height above this is <c>image-too-large</c> (PIL's default limit).</param>
/// <param name="CropSize">Caffe's <c>transform_param.crop_size</c>; 0 = no check.</param>
/// <param name="UseLibJpegTurbo">Decode JPEGs with the system's libjpeg-turbo when it is installed; false = always ImageSharp.</param>
public sealed record ImageInspectionOptions(long MaxPixels = ImageInspectionOptions.PilMaxPixels, int CropSize = 0, bool UseLibJpegTurbo = true)
{
    public const long PilMaxPixels = 178_956_970;

    public static ImageInspectionOptions Default { get; } = new();
}
