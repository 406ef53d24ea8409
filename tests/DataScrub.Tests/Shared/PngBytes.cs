using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace DataScrub.Tests.Shared;

/// <summary>Writes small PNGs chunk by chunk, so a test can damage exactly one thing (an Adler-32, a chunk's split, a
/// text chunk's size) with every other CRC right.</summary>
public static class PngBytes
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Chunk(string type, ReadOnlySpan<byte> body)
    {
        var chunk = new byte[12 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)body.Length);
        System.Text.Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        body.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + body.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + body.Length)));
        return chunk;
    }

    public static byte[] Header(int width, int height, int bitDepth, int colorType, int interlace = 0)
    {
        var body = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(body, width);
        BinaryPrimitives.WriteInt32BigEndian(body.AsSpan(4), height);
        body[8] = (byte)bitDepth;
        body[9] = (byte)colorType;
        body[12] = (byte)interlace;
        return Chunk("IHDR", body);
    }

    public static byte[] Zlib(ReadOnlySpan<byte> raw)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(raw);
        return output.ToArray();
    }

    /// <summary>Scanlines with filter byte 0 (none) before each row.</summary>
    public static byte[] Rows(int height, int rowBytes, Func<int, int, byte> value)
    {
        var raw = new byte[height * (rowBytes + 1)];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < rowBytes; x++)
                raw[y * (rowBytes + 1) + 1 + x] = value(x, y);
        return raw;
    }

    /// <summary>A whole PNG: signature, IHDR, the chunks before the image data, the IDAT chunks, IEND.</summary>
    public static byte[] File(byte[] header, IEnumerable<byte[]> idat, params byte[][] before) =>
        [.. Signature, .. header, .. before.SelectMany(c => c), .. idat.SelectMany(d => Chunk("IDAT", d)), .. Chunk("IEND", [])];

    /// <summary>An 8-bit greyscale PNG whose pixel (x, y) is (x * 16 + y) mod 256.</summary>
    public static byte[] Gray(int width = 16, int height = 16) =>
        File(Header(width, height, 8, 0), [Zlib(Rows(height, width, (x, y) => (byte)(x * 16 + y)))]);
}
