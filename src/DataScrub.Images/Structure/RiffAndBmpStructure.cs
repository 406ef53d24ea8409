using System.Buffers.Binary;
using DataScrub.Samples;

namespace DataScrub.Images.Structure;

/// <summary>BMP and WebP declare their total size in the header: shorter is a truncation, longer is trailing data. An
/// uncompressed BMP's pixel rows have a size the header fixes, which decides instead of the file-size field (PIL and
/// OpenCV never read that field, and writers get it wrong).</summary>
public static class RiffAndBmpStructure
{
    // BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS: rows of a fixed size, no compression.
    private const uint Uncompressed = 0, Bitfields = 3, AlphaBitfields = 6;

    public static ImageStructure WalkBmp(ReadOnlySpan<byte> data)
    {
        // The detector asks for the 14-byte file header; a walker of a damaged file does not assume it.
        if (data.Length < 14)
            return new ImageStructure { Container = ImageContainer.Bmp, Truncated = $"a BMP file header is 14 bytes, the file has {data.Length}", Offset = data.Length };
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(data[2..]);
        var headerSize = data.Length >= 18 ? BinaryPrimitives.ReadUInt32LittleEndian(data[14..]) : 0;
        int? width = null, height = null, bits = null;
        uint compression = Uncompressed;
        if (headerSize == 12 && data.Length >= 26)
        {
            // OS/2 BITMAPCOREHEADER: 16-bit sizes.
            width = BinaryPrimitives.ReadUInt16LittleEndian(data[18..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(data[20..]);
            bits = BinaryPrimitives.ReadUInt16LittleEndian(data[24..]);
        }
        else if (headerSize >= 40 && data.Length >= 34)
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
            // Negative: rows stored top-down.
            height = (int)Math.Min(Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(data[22..])), int.MaxValue);
            bits = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]);
            compression = BinaryPrimitives.ReadUInt32LittleEndian(data[30..]);
        }
        var result = new ImageStructure { Container = ImageContainer.Bmp, Width = width, Height = height };
        // 0 only with JPEG or PNG compression (the embedded stream says its depth).
        if (bits is { } depth && depth is not (0 or 1 or 2 or 4 or 8 or 16 or 24 or 32 or 64))
            return result with { Corrupt = $"the header declares {depth} bits per pixel (BMP has 1, 2, 4, 8, 16, 24, 32 or 64)", Offset = headerSize == 12 ? 24 : 28 };

        if (compression is Uncompressed or Bitfields or AlphaBitfields && width is > 0 && height is > 0 && bits is > 0 && data.Length >= 14)
        {
            var pixelsAt = BinaryPrimitives.ReadUInt32LittleEndian(data[10..]);
            var rowBytes = ((long)width.Value * bits.Value + 31) / 32 * 4;
            var pixelsEnd = pixelsAt + rowBytes * height.Value;
            if (pixelsEnd > data.Length)
                return result with { Truncated = $"the pixel rows end at byte {pixelsEnd} ({height} rows of {rowBytes} bytes from offset {pixelsAt}) but the file has {data.Length}", Offset = data.Length };
            // Bytes the file-size field covers are the file's, even past the pixels; the rest trail it.
            var end = declared >= pixelsEnd && declared <= data.Length ? declared : pixelsEnd;
            return result with { TrailingBytes = data.Length - end, Offset = end };
        }
        // Compressed (RLE, JPEG, PNG): only the file-size field says where the data ends. Some writers leave it 0; then
        // only the decoder can tell.
        if (declared == 0) return result;
        if (declared > data.Length) return result with { Truncated = $"the header declares {declared} bytes but the file has {data.Length}", Offset = data.Length };
        return result with { TrailingBytes = data.Length - declared, Offset = declared };
    }

    public static ImageStructure WalkWebP(ReadOnlySpan<byte> data)
    {
        var result = new ImageStructure { Container = ImageContainer.WebP };
        if (data.Length < 12)
            return result with { Truncated = $"a RIFF WebP header is 12 bytes, the file has {data.Length}", Offset = data.Length };
        var declared = 8L + BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (declared > data.Length) return result with { Truncated = $"the RIFF header declares {declared} bytes but the file has {data.Length}", Offset = data.Length };
        return result with { TrailingBytes = data.Length - declared, Offset = declared };
    }
}
