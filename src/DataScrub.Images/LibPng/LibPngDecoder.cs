using DataScrub.Images.Decoding;
using DataScrub.Samples;

namespace DataScrub.Images.LibPng;

/// <summary>
/// Decodes a whole PNG with libpng's simplified API into a scratch buffer: the verdict OpenCV's <c>imread</c>
/// reaches (a critical chunk's CRC, the zlib stream's Adler-32 and distance codes, too little or too much image data),
/// and the pixels' per-channel moments. libpng's warnings (an ancillary chunk's bad CRC, a text chunk over its memory
/// limit) are not failures: the image still decodes. The decode is one call over at most the pixel limit's pixels, so
/// it cannot loop; the deadline is checked before it starts. For a damaged image's thumbnail it also decodes row by row
/// as far as the data goes (<see cref="IPartialImageDecoder"/>).
/// </summary>
public sealed unsafe class LibPngDecoder : IImageDecoder, IPartialImageDecoder
{
    /// <summary>Bytes appended to a damaged PNG for <see cref="DecodePrefix"/>: libpng reads IDAT in blocks of up to
    /// 8 KiB (PNG_IDAT_READ_SIZE) and fails on a block that runs past the data before inflating any of it, so the data
    /// is followed by enough bytes to complete the block it ends in.</summary>
    private const int PrefixPadding = 64 << 10;

    private readonly LibPngLibrary library;

    private LibPngDecoder(LibPngLibrary library)
    {
        this.library = library;
        Name = $"libpng {library.Version}";
    }

    /// <summary>The decoder over the process's libpng, or null when none is installed.</summary>
    public static LibPngDecoder? Instance { get; } = LibPngLibrary.Instance is { } library ? new LibPngDecoder(library) : null;

    public ImageContainer Container => ImageContainer.Png;

    public string Name { get; }

    public DecodeResult Decode(ReadOnlySpan<byte> data, in DecodeRequest request)
    {
        if (request.TimeIsUp) return DecodeResult.Failed(DecodeVerdict.TimedOut, "not decoded: the time limit had passed");
        var image = new PngImage { Version = PngImage.CurrentVersion };
        try
        {
            fixed (byte* source = data)
            {
                if (library.BeginReadFromMemory(&image, source, (nuint)data.Length) == 0)
                    return Failure(&image, 0, 0, 0);
                int width = (int)Math.Min(image.Width, int.MaxValue), height = (int)Math.Min(image.Height, int.MaxValue);
                var color = (image.Format & PngImage.FormatColor) != 0;
                var channels = color ? 3 : 1;
                if ((long)image.Width * image.Height > request.MaxPixels)
                    return DecodeResult.Failed(DecodeVerdict.TooLarge, $"{image.Width}x{image.Height} pixels, above the limit of {request.MaxPixels}", width, height, channels);
                // 8-bit output in the file's own layout (grey or colour, with alpha when it has any): no compositing,
                // and 16-bit samples scaled to 8 bits as sRGB values, not converted as if they were linear light.
                image.Format &= PngImage.FormatAlpha | PngImage.FormatColor;
                image.Flags |= PngImage.Flag16BitSrgb;
                var stored = channels + ((image.Format & PngImage.FormatAlpha) != 0 ? 1 : 0);
                var size = (long)image.Width * image.Height * stored;
                using var scratch = new PixelScratch(size);
                if (library.FinishRead(&image, null, scratch.Pointer, 0, null) == 0)
                    return Failure(&image, width, height, channels);
                if (request.Moments is not { } moments || size > int.MaxValue) return DecodeResult.Decoded(width, height, channels);
                Analysis.Statistics.RunningMoments.OfInterleaved(scratch.Span(size), moments.AsSpan(0, stored));
                return DecodeResult.Decoded(width, height, channels, momentChannels: channels);
            }
        }
        finally
        {
            // Safe after finish_read or a failure (both free it already): it checks the opaque pointer.
            library.Free(&image);
        }
    }

    public PartialImageLayout? ReadLayout(ReadOnlySpan<byte> data)
    {
        var image = new PngImage { Version = PngImage.CurrentVersion };
        try
        {
            fixed (byte* source = data)
            {
                if (library.BeginReadFromMemory(&image, source, (nuint)data.Length) == 0) return null;
                return LayoutOf(&image);
            }
        }
        finally
        {
            library.Free(&image);
        }
    }

    /// <summary>
    /// Decodes a damaged PNG into <paramref name="pixels"/> (first set to <paramref name="fill"/>) row by row until libpng
    /// fails, in the file's own layout as <see cref="Decode"/> reads it. The data is followed by
    /// <see cref="PrefixPadding"/> bytes of <paramref name="fill"/> so that libpng inflates the block the data ends in:
    /// rows made from those bytes differ between two fills, and the caller drops them.
    /// </summary>
    public void DecodePrefix(ReadOnlySpan<byte> data, in PartialImageLayout layout, Span<byte> pixels, byte fill)
    {
        if (pixels.Length < layout.Bytes) throw new ArgumentException($"{layout.Bytes} bytes needed", nameof(pixels));
        pixels.Fill(fill);
        var padded = System.Buffers.ArrayPool<byte>.Shared.Rent(data.Length + PrefixPadding);
        var image = new PngImage { Version = PngImage.CurrentVersion };
        try
        {
            data.CopyTo(padded);
            padded.AsSpan(data.Length, PrefixPadding).Fill(fill);
            fixed (byte* source = padded)
            fixed (byte* target = pixels)
            {
                if (library.BeginReadFromMemory(&image, source, (nuint)(data.Length + PrefixPadding)) == 0) return;
                if (LayoutOf(&image) != layout) return;
                image.Format &= PngImage.FormatAlpha | PngImage.FormatColor;
                image.Flags |= PngImage.Flag16BitSrgb;
                library.FinishRead(&image, null, target, 0, null);
            }
        }
        finally
        {
            library.Free(&image);
            System.Buffers.ArrayPool<byte>.Shared.Return(padded);
        }
    }

    /// <summary>The layout <see cref="Decode"/> reads a PNG in: grey or colour, with alpha when it has any.</summary>
    private static PartialImageLayout? LayoutOf(PngImage* image)
    {
        if (image->Width == 0 || image->Height == 0 || image->Width > int.MaxValue || image->Height > int.MaxValue) return null;
        var colour = (image->Format & PngImage.FormatColor) != 0 ? 3 : 1;
        var stored = colour + ((image->Format & PngImage.FormatAlpha) != 0 ? 1 : 0);
        return new PartialImageLayout((int)image->Width, (int)image->Height, stored, colour);
    }

    private static DecodeResult Failure(PngImage* image, int width, int height, int channels)
    {
        var message = PngImage.MessageOf(image);
        var verdict = Classify(message);
        return DecodeResult.Failed(verdict, $"libpng: {(message.Length == 0 ? "unknown error" : message)}", width, height, channels);
    }

    /// <summary>
    /// libpng's messages (png.c, pngrutil.c, pngread.c) say which kind of failure it was: the data ran out, a limit
    /// libpng was built with refused a valid file (not damage), or the content is broken.
    /// </summary>
    internal static DecodeVerdict Classify(string message)
    {
        if (message.Contains("read beyond end of data", StringComparison.Ordinal) || message.Contains("Not enough image data", StringComparison.Ordinal)
            || message.Contains("Read Error", StringComparison.Ordinal) || message.Contains("unexpected end", StringComparison.OrdinalIgnoreCase))
            return DecodeVerdict.Truncated;
        if (message.Contains("exceeds user limit", StringComparison.Ordinal) || message.Contains("Out of memory", StringComparison.OrdinalIgnoreCase)
            || message.Contains("insufficient memory", StringComparison.Ordinal) || message.Contains("not supported", StringComparison.Ordinal))
            return DecodeVerdict.Unsupported;
        return DecodeVerdict.Corrupt;
    }
}
