using DataScrub.Images.LibPng;
using DataScrub.Images.Managed;
using DataScrub.Images.TurboJpeg;
using DataScrub.Samples;

namespace DataScrub.Images.Decoding;

/// <summary>
/// Which decoder judges each container: the reference library the training stack decodes with where the system has
/// it (libjpeg-turbo, libpng, libtiff, giflib, libwebp), else ImageSharp; BMP and Netpbm always ImageSharp (PIL and
/// OpenCV decode those with their own code).
/// </summary>
public sealed class ImageDecoders
{
    private readonly Dictionary<ImageContainer, IImageDecoder> decoders;

    private ImageDecoders(IEnumerable<IImageDecoder> chosen) => decoders = chosen.ToDictionary(d => d.Container);

    /// <summary>The system's reference libraries where they load, ImageSharp for the rest.</summary>
    public static ImageDecoders System { get; } = Create(useSystemLibraries: true);

    /// <summary>ImageSharp for every container (what a machine without the codec libraries gets).</summary>
    public static ImageDecoders ImageSharpOnly { get; } = Create(useSystemLibraries: false);

    /// <summary>The decoder for a container.</summary>
    public IImageDecoder For(ImageContainer container) =>
        decoders.TryGetValue(container, out var decoder) ? decoder : throw new ArgumentOutOfRangeException(nameof(container), container, "no decoder for this container");

    /// <summary>Every container's decoder, for the report.</summary>
    public IReadOnlyCollection<IImageDecoder> All => decoders.Values;

    /// <summary>This set with one container's decoder replaced (tests; a user's own decoder).</summary>
    public ImageDecoders With(IImageDecoder decoder) =>
        new(decoders.Values.Where(d => d.Container != decoder.Container).Append(decoder));

    private static ImageDecoders Create(bool useSystemLibraries)
    {
        var runner = AbandonableRunner.Shared;
        IImageDecoder Managed(ImageContainer container) => new ImageSharpDecoder(container, runner);
        IImageDecoder Reference(ImageContainer container, IImageDecoder? system) => useSystemLibraries && system is not null ? system : Managed(container);
        return new ImageDecoders(
        [
            Reference(ImageContainer.Jpeg, TurboJpegImageDecoder.Instance),
            Reference(ImageContainer.Png, LibPngDecoder.Instance),
            Reference(ImageContainer.Gif, GifLib.GifLibDecoder.Instance),
            Reference(ImageContainer.WebP, LibWebP.LibWebPDecoder.Instance),
            Reference(ImageContainer.Tiff, LibTiff.LibTiffDecoder.Instance),
            Managed(ImageContainer.Bmp),
            Managed(ImageContainer.Pnm),
        ]);
    }
}
