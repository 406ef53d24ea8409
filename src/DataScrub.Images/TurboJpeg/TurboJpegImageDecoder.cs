using DataScrub.Images.Decoding;
using DataScrub.Samples;

namespace DataScrub.Images.TurboJpeg;

/// <summary>
/// libjpeg-turbo as the JPEG decoder (<see cref="TurboJpegDecoder"/>): a fatal error is <c>corrupt-image</c>, libjpeg's
/// "premature end of JPEG file" is a truncation, its other warnings are not failures. One call over at most the pixel
/// limit's pixels: it cannot loop, so the deadline is checked before it starts. For a damaged image's thumbnail it also
/// decodes as far as the data goes (<see cref="IPartialImageDecoder"/>, <see cref="TurboJpegDecoder.DecodePrefix"/>).
/// </summary>
public sealed class TurboJpegImageDecoder : IImageDecoder, IPartialImageDecoder
{
    private readonly TurboJpegLibrary library;

    private TurboJpegImageDecoder(TurboJpegLibrary library) => this.library = library;

    /// <summary>The decoder over the process's libjpeg-turbo, or null when none is installed.</summary>
    public static TurboJpegImageDecoder? Instance { get; } = TurboJpegLibrary.Instance is { } library ? new TurboJpegImageDecoder(library) : null;

    public ImageContainer Container => ImageContainer.Jpeg;

    public string Name => "libjpeg-turbo";

    public DecodeResult Decode(ReadOnlySpan<byte> data, in DecodeRequest request)
    {
        if (request.TimeIsUp) return DecodeResult.Failed(DecodeVerdict.TimedOut, "not decoded: the time limit had passed");
        var outcome = TurboJpegDecoder.Decode(library, data, request.Moments, request.MaxPixels);
        if (outcome.Error is { } error)
            return DecodeResult.Failed(outcome.TooLarge ? DecodeVerdict.TooLarge : DecodeVerdict.Corrupt, error, outcome.Width, outcome.Height, outcome.Channels);
        if (outcome.PrematureEnd)
            return DecodeResult.Failed(DecodeVerdict.Truncated, "the entropy-coded data ends before the last scan does (libjpeg: premature end of JPEG file)",
                outcome.Width, outcome.Height, outcome.Channels);
        return DecodeResult.Decoded(outcome.Width, outcome.Height, outcome.Channels, momentChannels: request.Moments is null ? 0 : outcome.Channels);
    }

    public PartialImageLayout? ReadLayout(ReadOnlySpan<byte> data) => TurboJpegDecoder.ReadLayout(library, data);

    public void DecodePrefix(ReadOnlySpan<byte> data, in PartialImageLayout layout, Span<byte> pixels, byte fill) =>
        TurboJpegDecoder.DecodePrefix(library, data, layout, pixels, fill);
}
