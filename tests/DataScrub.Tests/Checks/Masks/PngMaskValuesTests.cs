using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using CsCheck;
using DataScrub.Images.Masks;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace DataScrub.Tests.Checks.Masks;

/// <summary>
/// PngMaskValues reads palette indices and gray levels straight from the IDAT stream. Random masks of every bit
/// depth, size, filter and interlacing are encoded here, then read back; ImageSharp's full decoder is the oracle
/// (its colours mapped back through a palette whose colours are all distinct), so the test encoder is checked too.
/// </summary>
/// <remarks>ImageSharp 2.1.13 misreads interlaced images smaller than 8 x 8 (an empty Adam7 pass: "Unknown filter
/// type", or wrong pixels); there the encoder's own values are the only oracle.</remarks>
public class PngMaskValuesTests
{
    [Fact]
    public void Read_RandomPaletteMasks_AreTheIndicesImageSharpDecodes()
    {
        var gen = Gen.Int[1, 37].Select(Gen.Int[1, 29], Gen.Int[0, 3].Select(i => 1 << i), Gen.Bool, Gen.Int[0, int.MaxValue]);
        gen.Sample((width, height, depth, interlaced, seed) =>
        {
            var random = new Random(seed);
            var indices = new ushort[width * height];
            for (var i = 0; i < indices.Length; i++) indices[i] = (ushort)random.Next(1 << depth);
            var png = TestPng.Encode(width, height, colorType: 3, depth, indices, interlaced, random);

            var values = PngMaskValues.Read(png, long.MaxValue, out var w, out var h);

            Assert.NotNull(values);
            Assert.Equal(width, w);
            Assert.Equal(height, h);
            Assert.Equal(indices, values);
            if (TestPng.ImageSharpDecodes(width, height, interlaced)) Assert.Equal(indices, TestPng.IndicesByImageSharp(png, depth));
        }, iter: 300);
    }

    [Fact]
    public void Read_RandomGrayMasks_AreTheLevelsImageSharpDecodes()
    {
        var gen = Gen.Int[1, 37].Select(Gen.Int[1, 29], Gen.Int[0, 1].Select(i => 8 << i), Gen.Bool, Gen.Int[0, int.MaxValue]);
        gen.Sample((width, height, depth, interlaced, seed) =>
        {
            var random = new Random(seed);
            var levels = new ushort[width * height];
            for (var i = 0; i < levels.Length; i++) levels[i] = (ushort)random.Next(1 << depth);
            var png = TestPng.Encode(width, height, colorType: 0, depth, levels, interlaced, random);

            var values = PngMaskValues.Read(png, long.MaxValue, out _, out _);

            Assert.Equal(levels, values);
            if (!TestPng.ImageSharpDecodes(width, height, interlaced)) return;
            using var image = Image.Load<L16>(png);
            var decoded = new ushort[width * height];
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                    decoded[y * width + x] = (ushort)(depth == 8 ? image[x, y].PackedValue / 257 : image[x, y].PackedValue);
            Assert.Equal(levels, decoded);
        }, iter: 200);
    }

    [Fact]
    public void Read_LowBitGray_IsScaledAsPilScalesIt()
    {
        // PIL opens 4-bit gray as mode "L" with levels x 17, 2-bit x 85; 1-bit as booleans (0/1).
        foreach (var (depth, factor) in new[] { (4, 17), (2, 85), (1, 1) })
        {
            var levels = Enumerable.Range(0, 9).Select(i => (ushort)(i % (1 << depth))).ToArray();
            var png = TestPng.Encode(3, 3, colorType: 0, depth, levels, interlaced: false, new Random(1));
            Assert.Equal(levels.Select(v => (ushort)(v * factor)), PngMaskValues.Read(png, long.MaxValue, out _, out _)!);
        }
    }

    [Fact]
    public void Read_NotAnIndexImage_OrTooLarge_OrCut_IsNull()
    {
        var rgb = TestPng.Encode(2, 2, colorType: 2, 8, new ushort[12], interlaced: false, new Random(1));
        Assert.Null(PngMaskValues.Read(rgb, long.MaxValue, out _, out _));
        var palette = TestPng.Encode(4, 4, colorType: 3, 8, new ushort[16], interlaced: false, new Random(1));
        Assert.Null(PngMaskValues.Read(palette, 15, out _, out _));
        Assert.NotNull(PngMaskValues.Read(palette, 16, out _, out _));
        // A zlib stream that ends before the last scanline: not whole rows, so no values to judge.
        var short_ = TestPng.Encode(4, 4, colorType: 3, 8, new ushort[16], interlaced: false, new Random(1), dropLastRow: true);
        Assert.Null(PngMaskValues.Read(short_, long.MaxValue, out _, out _));
    }
}

/// <summary>A small PNG encoder for tests: palette or gray samples of any bit depth, a random filter per scanline,
/// optionally Adam7-interlaced; palettes use VOC's colour map (every index a distinct colour).</summary>
internal static class TestPng
{
    private static readonly (int X, int Y, int DX, int DY)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    public static byte[] Encode(int width, int height, int colorType, int depth, ushort[] samples, bool interlaced, Random random, bool dropLastRow = false)
    {
        var channels = colorType == 2 ? 3 : 1;
        var raw = new MemoryStream();
        var passes = interlaced ? Adam7 : [(0, 0, 1, 1)];
        foreach (var (x0, y0, dx, dy) in passes)
        {
            var pw = (width - x0 + dx - 1) / dx;
            var ph = (height - y0 + dy - 1) / dy;
            if (pw <= 0 || ph <= 0) continue;
            var rowBytes = (pw * channels * depth + 7) / 8;
            var previous = new byte[rowBytes];
            for (var y = 0; y < ph; y++)
            {
                if (dropLastRow && y == ph - 1) break;
                var row = new byte[rowBytes];
                for (var x = 0; x < pw; x++)
                    for (var c = 0; c < channels; c++)
                        Put(row, x * channels + c, depth, samples[((y0 + y * dy) * width + x0 + x * dx) * channels + c]);
                var filter = (byte)random.Next(5);
                raw.WriteByte(filter);
                raw.Write(Filter(filter, row, previous, Math.Max(1, channels * depth / 8)));
                previous = row;
            }
        }
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = (byte)depth;
        ihdr[9] = (byte)colorType;
        ihdr[12] = (byte)(interlaced ? 1 : 0);
        Chunk(png, "IHDR", ihdr);
        if (colorType == 3) Chunk(png, "PLTE", VocPalette().Take(3 << depth).ToArray());
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(raw.ToArray());
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Whether ImageSharp 2.1.13 decodes such an image correctly: it mishandles empty Adam7 passes.</summary>
    public static bool ImageSharpDecodes(int width, int height, bool interlaced) => !interlaced || (width >= 8 && height >= 8);

    /// <summary>The indices ImageSharp's decoder gives, through the palette's colours.</summary>
    public static ushort[] IndicesByImageSharp(byte[] png, int depth)
    {
        var palette = VocPalette();
        var byColour = new Dictionary<Rgb24, ushort>();
        for (var i = 0; i < 1 << depth; i++) byColour[new Rgb24(palette[3 * i], palette[3 * i + 1], palette[3 * i + 2])] = (ushort)i;
        using var image = Image.Load<Rgb24>(png);
        var indices = new ushort[image.Width * image.Height];
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
                indices[y * image.Width + x] = byColour[image[x, y]];
        return indices;
    }

    public static byte[] VocPalette()
    {
        var palette = new byte[256 * 3];
        for (var i = 0; i < 256; i++)
        {
            int r = 0, g = 0, b = 0, c = i;
            for (var j = 0; j < 8; j++)
            {
                r |= (c & 1) << (7 - j);
                g |= ((c >> 1) & 1) << (7 - j);
                b |= ((c >> 2) & 1) << (7 - j);
                c >>= 3;
            }
            (palette[3 * i], palette[3 * i + 1], palette[3 * i + 2]) = ((byte)r, (byte)g, (byte)b);
        }
        return palette;
    }

    private static void Put(byte[] row, int index, int depth, ushort value)
    {
        if (depth == 16) BinaryPrimitives.WriteUInt16BigEndian(row.AsSpan(2 * index), value);
        else if (depth == 8) row[index] = (byte)value;
        else row[index * depth / 8] |= (byte)(value << (8 - depth - index * depth % 8));
    }

    private static byte[] Filter(byte type, byte[] row, byte[] up, int bpp)
    {
        var output = new byte[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            int a = i >= bpp ? row[i - bpp] : 0, b = up[i], c = i >= bpp ? up[i - bpp] : 0;
            var predictor = type switch
            {
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => Paeth(a, b, c),
                _ => 0,
            };
            output[i] = (byte)(row[i] - predictor);
        }
        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void Chunk(Stream png, string type, byte[] body)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)body.Length);
        System.Text.Encoding.ASCII.GetBytes(type, header[4..]);
        png.Write(header);
        png.Write(body);
        var crc = new Crc32();
        crc.Append(header[4..]);
        crc.Append(body);
        Span<byte> stored = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(stored, crc.GetCurrentHashAsUInt32());
        png.Write(stored);
    }
}
