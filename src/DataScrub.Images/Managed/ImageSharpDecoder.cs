using System.Diagnostics;
using DataScrub.Analysis.Statistics;
using DataScrub.Images.Decoding;
using DataScrub.Samples;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;

namespace DataScrub.Images.Managed;

/// <summary>
/// ImageSharp 2.1.13 as a decoder: for BMP and Netpbm (PIL and OpenCV decode those with their own code, so there is no
/// shared reference library to call), and for any container whose system library is absent. It is managed code that
/// cannot be interrupted, and it has hung on valid files (tiny interlaced palette PNGs loop forever in 2.1.13), so with a
/// time limit it runs on an <see cref="AbandonableRunner"/> thread, over its own copy of the bytes (an abandoned decode
/// must not read a buffer the scan has reused). Only ImageSharp's "invalid content" errors say the file is bad; its other
/// failures (an unsupported feature, an internal exception such as an index out of range on a PNG with 1-byte IDAT
/// chunks) mean it cannot judge the file: <see cref="DecodeVerdict.Unsupported"/>.
/// </summary>
public sealed class ImageSharpDecoder(ImageContainer container, AbandonableRunner runner) : IImageDecoder
{
    private static readonly Configuration Decoding = CreateConfiguration();

    public ImageContainer Container => container;

    public string Name => "ImageSharp 2.1.13";

    public DecodeResult Decode(ReadOnlySpan<byte> data, in DecodeRequest request)
    {
        if (request.Deadline == long.MaxValue) return DecodeNow(data, request.MaxPixels, request.Moments);
        var remaining = request.Deadline - Stopwatch.GetTimestamp();
        if (remaining <= 0) return DecodeResult.Failed(DecodeVerdict.TimedOut, "not decoded: the time limit had passed");
        // A pooled copy, returned only when the decode came back: an abandoned one may still be reading it.
        var copy = System.Buffers.ArrayPool<byte>.Shared.Rent(data.Length);
        data.CopyTo(copy);
        var length = data.Length;
        var maxPixels = request.MaxPixels;
        // The abandoned thread must not write into the caller's moments either.
        var moments = request.Moments is null ? null : new RunningMoments[request.Moments.Length];
        var limit = TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency);
        if (runner.TryRun(() => DecodeNow(copy.AsSpan(0, length), maxPixels, moments), limit, out var result, out var refused))
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(copy);
            moments?.CopyTo(request.Moments!, 0);
            return result;
        }
        return DecodeResult.Failed(DecodeVerdict.TimedOut, refused
            ? $"not decoded: {runner.Stuck} earlier ImageSharp decodes are still running past the time limit (at most {runner.MaxStuck} are left running)"
            : $"ImageSharp did not finish decoding within {limit.TotalSeconds:0.#} s; the decode was abandoned");
    }

    private static DecodeResult DecodeNow(ReadOnlySpan<byte> data, long maxPixels, RunningMoments[]? moments)
    {
        try
        {
            var info = Identify(data);
            if (info is null) return DecodeResult.Failed(DecodeVerdict.Corrupt, "ImageSharp does not recognise the header");
            var channels = ChannelsOf(info.PixelType?.BitsPerPixel);
            if ((long)info.Width * info.Height > maxPixels)
                return DecodeResult.Failed(DecodeVerdict.TooLarge, $"{info.Width}x{info.Height} pixels, above the limit of {maxPixels}", info.Width, info.Height, channels);
            using var image = Image.Load<Rgb24>(Decoding, data);
            var pages = image.Frames.Count;
            if (moments is null) return DecodeResult.Decoded(image.Width, image.Height, channels, pages);
            // Always the three RGB channels: the header's bit depth cannot tell a grey palette from a colour one; the
            // inspector keeps one when the structure says grey.
            MomentsOf(image, 3, moments);
            return DecodeResult.Decoded(image.Width, image.Height, channels, pages, 3);
        }
        catch (ImageFormatException e)
        {
            // InvalidImageContentException, UnknownImageFormatException: the content is what ImageSharp refuses.
            return DecodeResult.Failed(DecodeVerdict.Corrupt, $"ImageSharp: {e.Message}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // NotSupportedException (a feature 2.1.13 lacks), InvalidMemoryOperationException (an allocation over its
            // pool's limit) and its internal errors (IndexOutOfRange, ArgumentException, ...): not evidence of damage.
            return DecodeResult.Failed(DecodeVerdict.Unsupported, $"ImageSharp cannot decode it ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>Per-channel moments of a decoded RGB image, row by row.</summary>
    private static void MomentsOf(Image<Rgb24> image, int channels, RunningMoments[] total)
    {
        Array.Clear(total);
        var row = new RunningMoments[3];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                RunningMoments.OfInterleaved(System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows.GetRowSpan(y)), row);
                for (var c = 0; c < channels; c++) total[c] = total[c].Merge(row[c]);
            }
        });
    }

    /// <summary>Header-only read (ImageSharp 2.1 identifies from streams; the span is wrapped, not copied).</summary>
    private static unsafe IImageInfo? Identify(ReadOnlySpan<byte> data)
    {
        fixed (byte* pointer = data)
        {
            using var stream = new UnmanagedMemoryStream(pointer, data.Length);
            return Image.Identify(Decoding, stream, out _);
        }
    }

    private static int ChannelsOf(int? bitsPerPixel) => bitsPerPixel switch
    {
        null => 0,
        <= 16 => 1,
        _ => 3,
    };

    private static Configuration CreateConfiguration()
    {
        // Caps pooled memory so a few huge images cannot exhaust it.
        var configuration = Configuration.Default.Clone();
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { MaximumPoolSizeMegabytes = 64 });
        return configuration;
    }
}
