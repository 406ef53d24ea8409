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
    // TJFLAG_STOPONWARNING (TurboJPEG 2.0+): stop at libjpeg's first warning ("premature end of JPEG file") instead of
    // inventing the rest of the image.
    private const int FlagStopOnWarning = 8192;

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

    /// <summary>The size and pixel layout of a JPEG for <see cref="DecodePrefix"/>: grey or RGB; null when the header
    /// does not read or the image is CMYK.</summary>
    public static Decoding.PartialImageLayout? ReadLayout(TurboJpegLibrary library, ReadOnlySpan<byte> jpeg)
    {
        var handle = library.InitDecompress();
        if (handle == 0) return null;
        try
        {
            fixed (byte* source = jpeg)
            {
                int width, height, subsampling, colorspace;
                if (library.DecompressHeader3(handle, source, (nuint)jpeg.Length, &width, &height, &subsampling, &colorspace) != 0
                    && IsFatal(library, handle) && !IsUnnamedSubsampling(library, handle))
                    return null;
                // A header cut short can read "successfully" without a frame header: no size, nothing to show.
                if (width <= 0 || height <= 0) return null;
                return colorspace switch
                {
                    ColorspaceGray => new Decoding.PartialImageLayout(width, height, 1, 1),
                    ColorspaceCmyk or ColorspaceYcck => null,
                    _ => new Decoding.PartialImageLayout(width, height, 3, 3),
                };
            }
        }
        finally
        {
            library.Destroy(handle);
        }
    }

    /// <summary>
    /// Decodes a damaged JPEG into <paramref name="pixels"/> (first set to <paramref name="fill"/>) up to where libjpeg
    /// stops: its first warning (without TJFLAG_STOPONWARNING libjpeg would go on and make up the missing rows) or a
    /// fatal error. An end-of-image marker follows the data, so that running out of data is found where the entropy
    /// decoder needs bits it does not have (libjpeg then warns of a premature end of the data segment), not where its
    /// bit buffer merely reads ahead: a file whose every MCU is there but whose EOI is missing shows all its rows. Rows
    /// are written as their MCU rows complete; a progressive JPEG writes none before its last scan.
    /// </summary>
    public static void DecodePrefix(TurboJpegLibrary library, ReadOnlySpan<byte> jpeg, in Decoding.PartialImageLayout layout, Span<byte> pixels, byte fill)
    {
        if (pixels.Length < layout.Bytes) throw new ArgumentException($"{layout.Bytes} bytes needed", nameof(pixels));
        pixels.Fill(fill);
        var handle = library.InitDecompress();
        if (handle == 0) return;
        var ended = System.Buffers.ArrayPool<byte>.Shared.Rent(jpeg.Length + 2);
        try
        {
            jpeg.CopyTo(ended);
            (ended[jpeg.Length], ended[jpeg.Length + 1]) = (0xFF, 0xD9);
            fixed (byte* source = ended)
            fixed (byte* target = pixels)
            {
                var format = layout.Channels == 1 ? PixelFormatGray : PixelFormatRgb;
                library.Decompress2(handle, source, (nuint)(jpeg.Length + 2), target, layout.Width, 0, layout.Height, format,
                    FlagFastUpsample | FlagFastDct | FlagStopOnWarning);
            }
        }
        finally
        {
            library.Destroy(handle);
            System.Buffers.ArrayPool<byte>.Shared.Return(ended);
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
