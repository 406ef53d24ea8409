using System.Runtime.InteropServices;

namespace DataScrub.Images.TurboJpeg;

/// <summary>How a full libjpeg-turbo decode of one JPEG ended.</summary>
/// <param name="Error">A fatal decoder error (the loader raises), or null.</param>
/// <param name="PrematureEnd">libjpeg's "Premature end of JPEG file": the pixels are incomplete.</param>
public readonly record struct TurboJpegOutcome(int Width, int Height, int Channels, string? Error, bool PrematureEnd)
{
    /// <summary>The header declares more pixels than the limit allows: nothing was decoded.</summary>
    public bool TooLarge { get; init; }
}

/// <summary>
/// Decodes a whole JPEG with libjpeg-turbo into a scratch buffer, only to learn whether it decodes.
/// libjpeg's other warnings ("extraneous bytes before marker", a bad Huffman code) are not failures:
/// PIL and OpenCV return the image, so calling the file bad would drop data they train on.
/// </summary>
public static unsafe class TurboJpegDecoder
{
    // TurboJPEG constants (turbojpeg.h).
    private const int PixelFormatRgb = 0, PixelFormatGray = 6, PixelFormatCmyk = 11;
    private const int ColorspaceGray = 2, ColorspaceCmyk = 3, ColorspaceYcck = 4;
    private const int ErrorFatal = 1;
    // Speed flags change rounding of the pixels, never whether a file decodes.
    private const int FlagFastUpsample = 256, FlagFastDct = 2048;

    /// <param name="moments">When given (length 4 or more), receives the decoded pixels' per-channel moments
    /// (the first <see cref="TurboJpegOutcome.Channels"/> entries).</param>
    /// <param name="maxPixels">A header declaring more pixels than this is not decoded (<see cref="TurboJpegOutcome.TooLarge"/>).</param>
    public static TurboJpegOutcome Decode(TurboJpegLibrary library, ReadOnlySpan<byte> jpeg, Analysis.Statistics.RunningMoments[]? moments = null, long maxPixels = long.MaxValue)
    {
        var handle = library.InitDecompress();
        if (handle == 0) throw new OutOfMemoryException("tjInitDecompress failed");
        try
        {
            fixed (byte* source = jpeg)
            {
                int width, height, subsampling, colorspace;
                // The header pass also returns -1 on a mere warning, with the header read completely; and TurboJPEG 2.x
                // refuses sampling factors outside its named subsamplings ("Could not determine subsampling type")
                // after reading the whole header, though libjpeg (PIL, OpenCV) and tjDecompress2 decode such files.
                if (library.DecompressHeader3(handle, source, (nuint)jpeg.Length, &width, &height, &subsampling, &colorspace) != 0
                    && ((IsFatal(library, handle) && !IsUnnamedSubsampling(library, handle)) || width <= 0 || height <= 0))
                    return new TurboJpegOutcome(0, 0, 0, ErrorText(library, handle), false);
                var (format, channels) = colorspace switch
                {
                    ColorspaceGray => (PixelFormatGray, 1),
                    ColorspaceCmyk or ColorspaceYcck => (PixelFormatCmyk, 4),
                    _ => (PixelFormatRgb, 3),
                };
                if ((long)width * height > maxPixels)
                    return new TurboJpegOutcome(width, height, channels, $"{width}x{height} pixels, above the limit of {maxPixels}", false) { TooLarge = true };
                var size = (long)width * height * channels;
                using (var scratch = new Decoding.PixelScratch(size))
                {
                    if (library.Decompress2(handle, source, (nuint)jpeg.Length, scratch.Pointer, width, 0, height, format, FlagFastUpsample | FlagFastDct) == 0)
                    {
                        if (moments is not null)
                            Analysis.Statistics.RunningMoments.OfInterleaved(scratch.Span(size), moments.AsSpan(0, channels));
                        return new TurboJpegOutcome(width, height, channels, null, false);
                    }
                }
                var message = ErrorText(library, handle);
                if (IsFatal(library, handle))
                    return new TurboJpegOutcome(width, height, channels, message, false);
                return new TurboJpegOutcome(width, height, channels, null, message.StartsWith("Premature end", StringComparison.Ordinal));
            }
        }
        finally
        {
            library.Destroy(handle);
        }
    }

    /// <summary>
    /// TurboJPEG 2.1 reports <c>TJERR_WARNING</c> for a fatal error that follows a warning in the same
    /// call (its warning flag is sticky), so the last message decides: a fatal error ends decoding, so when
    /// one happened it is the last message; otherwise the last message is one of libjpeg's warnings
    /// (<c>JWRN_*</c> in jerror.h), whose texts are fixed.
    /// </summary>
    private static bool IsFatal(TurboJpegLibrary library, nint handle)
    {
        if (library.GetErrorCode(handle) == ErrorFatal) return true;
        var message = ErrorText(library, handle);
        foreach (var warning in LibJpegWarningPrefixes)
            if (message.StartsWith(warning, StringComparison.Ordinal)) return false;
        return true;
    }

    private static bool IsUnnamedSubsampling(TurboJpegLibrary library, nint handle) =>
        ErrorText(library, handle).Contains("Could not determine subsampling type", StringComparison.Ordinal);

    private static readonly string[] LibJpegWarningPrefixes =
    [
        "Corrupt JPEG data", "Premature end of JPEG file", "Inconsistent progression sequence",
        "Unknown Adobe color transform", "Warning: unknown JFIF", "Invalid SOS parameters for sequential JPEG",
        "Application transferred too many scanlines",
    ];

    private static string ErrorText(TurboJpegLibrary library, nint handle) =>
        Marshal.PtrToStringUTF8(library.GetErrorStr2(handle)) ?? "unknown libjpeg-turbo error";
}
