namespace DataScrub.Images.Decoding;

/// <summary>The pixels a partial decode writes: <see cref="Width"/> x <see cref="Height"/> pixels of
/// <see cref="Channels"/> interleaved bytes, the first <see cref="ColourChannels"/> of them colour (1 grey, 3 RGB), any
/// other alpha.</summary>
public readonly record struct PartialImageLayout(int Width, int Height, int Channels, int ColourChannels)
{
    public long Bytes => (long)Width * Height * Channels;
}

/// <summary>
/// An <see cref="IImageDecoder"/> that can also decode a damaged image as far as its data carries it, for a thumbnail
/// of what the decoder made of it before it failed. Only the rows the decoder wrote from the data count: the caller
/// decodes twice with different <c>fill</c> bytes and keeps the rows, from the top, that both decodes agree on (a row
/// left as the fill, or computed from bytes after the data, differs between the two).
/// </summary>
public interface IPartialImageDecoder
{
    /// <summary>The size and layout <see cref="DecodePrefix"/> writes, from the header; null when the header does not
    /// read or the image has no layout a thumbnail shows (CMYK).</summary>
    PartialImageLayout? ReadLayout(ReadOnlySpan<byte> data);

    /// <summary>Sets <paramref name="pixels"/> (<see cref="PartialImageLayout.Bytes"/> long) to <paramref name="fill"/>, then
    /// decodes into it as far as the data goes. A decoder may complete the data so that it reads all of it: libpng is
    /// given <paramref name="fill"/> bytes after it to finish the IDAT block the data ends in, libjpeg an end-of-image
    /// marker. Never throws for anything the bytes contain.</summary>
    void DecodePrefix(ReadOnlySpan<byte> data, in PartialImageLayout layout, Span<byte> pixels, byte fill);
}
