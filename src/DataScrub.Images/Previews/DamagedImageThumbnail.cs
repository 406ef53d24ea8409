using DataScrub.Images.Decoding;

namespace DataScrub.Images.Previews;

/// <summary>A thumbnail of a damaged image: its size, the rows its decoder produced, and the PNG.</summary>
/// <param name="Width">The image's width (from its header).</param>
/// <param name="Height">The image's height.</param>
/// <param name="DecodedRows">The rows, from the top, that the decoder produced whole.</param>
/// <param name="Png">At most <see cref="DamagedImageThumbnail.MaxSide"/> pixels a side.</param>
public sealed record DamagedImageThumbnail(int Width, int Height, int DecodedRows, byte[] Png)
{
    /// <summary>The thumbnail's longest side.</summary>
    public const int MaxSide = 128;

    /// <summary>The grey of the pixels the decoder did not produce.</summary>
    public const byte Blank = 128;

    /// <summary>The most pixels an image may have to get a thumbnail: it takes two full-size decodes (twice 48 MiB at
    /// this size, in RGB) for a picture of 128 pixels a side.</summary>
    public const long MaxPixels = 1 << 24;

    /// <summary>
    /// Decodes <paramref name="data"/> twice, with the pixels first all 0 and then all 255 (<see cref="IPartialImageDecoder"/>):
    /// a row the decoder produced from the data is the same in both, one it left alone (or made from bytes after the
    /// data) is not. The rows from the top up to the first that differs are the decoded ones; the thumbnail is their
    /// box average (colour only, no alpha), <see cref="Blank"/> below them. Null when the header does not read, the
    /// image has more than <paramref name="maxPixels"/> (or <see cref="MaxPixels"/>) pixels, or no row was decoded (a
    /// progressive JPEG, an interlaced PNG, whose first row comes last).
    /// </summary>
    public static DamagedImageThumbnail? Make(ReadOnlySpan<byte> data, IPartialImageDecoder decoder, long maxPixels)
    {
        if (decoder.ReadLayout(data) is not { Width: > 0, Height: > 0 } layout || (long)layout.Width * layout.Height > Math.Min(maxPixels, MaxPixels))
            return null;
        // Plain arrays, not the shared pool: a scan makes a few dozen thumbnails at most, and the pool would keep the
        // largest buffers for the rest of the process.
        var low = GC.AllocateUninitializedArray<byte>((int)layout.Bytes);
        var high = GC.AllocateUninitializedArray<byte>((int)layout.Bytes);
        decoder.DecodePrefix(data, layout, low, 0x00);
        decoder.DecodePrefix(data, layout, high, 0xFF);
        var rowBytes = layout.Width * layout.Channels;
        var rows = 0;
        while (rows < layout.Height && low.AsSpan(rows * rowBytes, rowBytes).SequenceEqual(high.AsSpan(rows * rowBytes, rowBytes))) rows++;
        if (rows == 0) return null;
        var (pixels, width, height) = Downscale(low.AsSpan(0, rows * rowBytes), layout, rows);
        return new DamagedImageThumbnail(layout.Width, layout.Height, rows, PngWriter.Encode(pixels, width, height, layout.ColourChannels));
    }

    /// <summary>Box-averages the <paramref name="rows"/> decoded rows into at most <see cref="MaxSide"/> x <see cref="MaxSide"/>
    /// (the whole image's size over an integer factor, so the aspect ratio stays), <see cref="Blank"/> where a box has no
    /// decoded pixel.</summary>
    private static (byte[] Pixels, int Width, int Height) Downscale(ReadOnlySpan<byte> decoded, in PartialImageLayout layout, int rows)
    {
        var factor = (Math.Max(layout.Width, layout.Height) + MaxSide - 1) / MaxSide;
        var width = (layout.Width + factor - 1) / factor;
        var height = (layout.Height + factor - 1) / factor;
        var colours = layout.ColourChannels;
        var pixels = new byte[width * height * colours];
        var sums = new long[width * colours];
        var counts = new int[width];
        for (var ty = 0; ty < height; ty++)
        {
            Array.Clear(sums);
            Array.Clear(counts);
            for (var y = ty * factor; y < Math.Min(rows, (ty + 1) * factor); y++)
            {
                var row = decoded.Slice(y * layout.Width * layout.Channels, layout.Width * layout.Channels);
                for (var x = 0; x < layout.Width; x++)
                {
                    var tx = x / factor;
                    counts[tx]++;
                    for (var c = 0; c < colours; c++) sums[tx * colours + c] += row[x * layout.Channels + c];
                }
            }
            for (var tx = 0; tx < width; tx++)
            {
                var n = counts[tx];
                for (var c = 0; c < colours; c++)
                    pixels[(ty * width + tx) * colours + c] = n == 0 ? Blank : (byte)((sums[tx * colours + c] + n / 2) / n);
            }
        }
        return (pixels, width, height);
    }
}
