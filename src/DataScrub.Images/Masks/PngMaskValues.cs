using System.Buffers.Binary;
using System.IO.Compression;

namespace DataScrub.Images.Masks;

/// <summary>
/// The class values of a palette or grayscale PNG mask, as PIL gives them to a training script
/// (<c>np.array(Image.open(mask))</c>): palette indices (PASCAL VOC masks: classes 0..20, 255 the border to ignore),
/// or gray levels. ImageSharp expands a palette into colours, so the index is lost there; this reads the IDAT stream
/// itself (zlib, the five scanline filters, 1-16 bits per sample, Adam7). Other colour types (RGB masks) have no
/// class value per pixel: null.
/// </summary>
/// <remarks>Gray levels below 8 bits are scaled as PIL scales them (2 bits x 85, 4 bits x 17); 1-bit images are 0/1,
/// as PIL's mode "1" gives booleans. The caller has already checked the chunk structure and CRCs.</remarks>
public static class PngMaskValues
{
    private const int Grayscale = 0;
    private const int Palette = 3;

    private static readonly (int X, int Y, int DX, int DY)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    /// <summary>Values row by row, or null when the PNG is not a palette or grayscale image, is larger than
    /// <paramref name="maxPixels"/>, or its pixel data does not inflate to whole scanlines.</summary>
    public static ushort[]? Read(ReadOnlySpan<byte> png, long maxPixels, out int width, out int height)
    {
        width = height = 0;
        if (!png.StartsWith(Structure.PngStructure.Signature) || png.Length < 33) return null;
        var ihdr = png.Slice(16, 13);
        var w = BinaryPrimitives.ReadUInt32BigEndian(ihdr);
        var h = BinaryPrimitives.ReadUInt32BigEndian(ihdr[4..]);
        int depth = ihdr[8], colorType = ihdr[9], interlace = ihdr[12];
        if (colorType is not (Grayscale or Palette) || w == 0 || h == 0 || (long)w * h > maxPixels) return null;
        if (depth is not (1 or 2 or 4 or 8 or 16) || (colorType == Palette && depth == 16)) return null;
        width = (int)w;
        height = (int)h;
        var columns = width;
        var compressed = Idat(png);
        var values = new ushort[(long)width * height];
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            if (interlace == 0)
                return ReadPass(zlib, depth, width, height, (x, y, v) => values[(long)y * columns + x] = v) ? Scale(values, depth, colorType) : null;
            foreach (var (x0, y0, dx, dy) in Adam7)
            {
                var pw = (width - x0 + dx - 1) / dx;
                var ph = (height - y0 + dy - 1) / dy;
                if (pw <= 0 || ph <= 0) continue;
                if (!ReadPass(zlib, depth, pw, ph, (x, y, v) => values[(long)(y0 + y * dy) * columns + x0 + x * dx] = v)) return null;
            }
            return Scale(values, depth, colorType);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The IDAT chunks' bytes end to end (the caller checked that every chunk fits).</summary>
    private static byte[] Idat(ReadOnlySpan<byte> png)
    {
        var data = new MemoryStream();
        for (var p = 8; p + 12 <= png.Length;)
        {
            var length = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(png[p..]), int.MaxValue);
            if ((long)p + 12 + length > png.Length) break;
            var type = png.Slice(p + 4, 4);
            if (type.SequenceEqual("IDAT"u8)) data.Write(png.Slice(p + 8, length));
            if (type.SequenceEqual("IEND"u8)) break;
            p += 12 + length;
        }
        return data.ToArray();
    }

    /// <summary>Reads and unfilters <paramref name="rows"/> scanlines of <paramref name="columns"/> samples; false when
    /// the stream ends early or a filter type is unknown.</summary>
    private static bool ReadPass(Stream zlib, int depth, int columns, int rows, Action<int, int, ushort> store)
    {
        var rowBytes = (int)(((long)columns * depth + 7) / 8);
        var bytesPerPixel = Math.Max(1, depth / 8);
        var previous = new byte[rowBytes];
        var current = new byte[rowBytes];
        var filter = new byte[1];
        for (var y = 0; y < rows; y++)
        {
            if (zlib.ReadAtLeast(filter, 1, throwOnEndOfStream: false) < 1) return false;
            if (zlib.ReadAtLeast(current, rowBytes, throwOnEndOfStream: false) < rowBytes) return false;
            if (!Unfilter(filter[0], current, previous, bytesPerPixel)) return false;
            for (var x = 0; x < columns; x++) store(x, y, Sample(current, x, depth));
            (previous, current) = (current, previous);
        }
        return true;
    }

    private static bool Unfilter(byte type, Span<byte> row, ReadOnlySpan<byte> up, int bpp)
    {
        switch (type)
        {
            case 0: return true;
            case 1:
                for (var i = bpp; i < row.Length; i++) row[i] += row[i - bpp];
                return true;
            case 2:
                for (var i = 0; i < row.Length; i++) row[i] += up[i];
                return true;
            case 3:
                for (var i = 0; i < row.Length; i++) row[i] += (byte)(((i >= bpp ? row[i - bpp] : 0) + up[i]) / 2);
                return true;
            case 4:
                for (var i = 0; i < row.Length; i++)
                    row[i] += Paeth(i >= bpp ? row[i - bpp] : (byte)0, up[i], i >= bpp ? up[i - bpp] : (byte)0);
                return true;
            default:
                return false;
        }
    }

    private static byte Paeth(byte a, byte b, byte c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static ushort Sample(ReadOnlySpan<byte> row, int x, int depth) => depth switch
    {
        16 => BinaryPrimitives.ReadUInt16BigEndian(row[(2 * x)..]),
        8 => row[x],
        _ => (ushort)((row[x * depth / 8] >> (8 - depth - x * depth % 8)) & ((1 << depth) - 1)),
    };

    /// <summary>PIL's gray scaling for 2 and 4 bits (1-bit stays 0/1; palettes are indices).</summary>
    private static ushort[] Scale(ushort[] values, int depth, int colorType)
    {
        if (colorType != Grayscale || depth is not (2 or 4)) return values;
        var factor = (ushort)(depth == 2 ? 85 : 17);
        for (var i = 0; i < values.Length; i++) values[i] *= factor;
        return values;
    }
}
