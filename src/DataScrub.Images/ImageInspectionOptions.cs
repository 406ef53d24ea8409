using DataScrub.Images.Decoding;

namespace DataScrub.Images;

/// <summary>Limits for image checks, and the decoders that judge each format.</summary>
/// <param name="MaxPixels">Declared width x height above this is <c>image-too-large</c> (PIL's default limit).</param>
/// <param name="CropSize">Caffe's <c>transform_param.crop_size</c>; 0 = no check.</param>
public sealed record ImageInspectionOptions(long MaxPixels = ImageInspectionOptions.PilMaxPixels, int CropSize = 0)
{
    public const long PilMaxPixels = 178_956_970;

    /// <summary>The default <see cref="SampleTimeout"/> (<c>--sample-timeout</c>).</summary>
    public static readonly TimeSpan DefaultSampleTimeout = TimeSpan.FromSeconds(30);

    public static ImageInspectionOptions Default { get; } = new();

    /// <summary>How long one image's decode may take before it is <c>decode-timeout</c> and the scan goes on;
    /// zero: no limit (a managed decode then runs on the calling thread).</summary>
    public TimeSpan SampleTimeout { get; init; } = DefaultSampleTimeout;

    /// <summary>The decoder per container: the system's reference libraries, ImageSharp where one is absent.</summary>
    public ImageDecoders Decoders { get; init; } = ImageDecoders.System;
}
