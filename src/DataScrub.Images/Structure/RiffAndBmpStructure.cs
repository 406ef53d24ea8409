using System.Buffers.Binary;
using DataScrub.Samples;

namespace DataScrub.Images.Structure;

/// <summary>BMP and WebP declare their total size in the header: shorter is a truncation, longer is trailing data.</summary>
public static class RiffAndBmpStructure
{
    public static ImageStructure WalkBmp(ReadOnlySpan<byte> data)
    {
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(data[2..]);
        int? width = data.Length >= 26 ? BinaryPrimitives.ReadInt32LittleEndian(data[18..]) : null;
        int? height = data.Length >= 26 ? Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(data[22..])) : null;
        var result = new ImageStructure { Container = ImageContainer.Bmp, Width = width, Height = height };
        // Some writers leave the size field 0; then only the decoder can tell.
        if (declared == 0) return result;
        if (declared > data.Length) return result with { Truncated = $"the header declares {declared} bytes but the file has {data.Length}", Offset = data.Length };
        return result with { TrailingBytes = data.Length - declared, Offset = declared };
    }

    public static ImageStructure WalkWebP(ReadOnlySpan<byte> data)
    {
        var declared = 8L + BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        var result = new ImageStructure { Container = ImageContainer.WebP };
        if (declared > data.Length) return result with { Truncated = $"the RIFF header declares {declared} bytes but the file has {data.Length}", Offset = data.Length };
        return result with { TrailingBytes = data.Length - declared, Offset = declared };
    }
}
