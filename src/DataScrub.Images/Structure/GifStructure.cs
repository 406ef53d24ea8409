using DataScrub.Samples;

namespace DataScrub.Images.Structure;

/// <summary>Walks a GIF's blocks (extensions, image descriptors with their LZW sub-blocks) to the
/// trailer byte 0x3B, counting the frames. A byte that introduces no block (not 0x21, 0x2C or 0x3B) where a block
/// should start is skipped, not damage: PIL's GIF reader and giflib's record reader both step over it and read
/// on, so a file with stray bytes between blocks trains like any other.</summary>
public static class GifStructure
{
    public static ImageStructure Walk(ReadOnlySpan<byte> data)
    {
        if (data.Length < 13) return new() { Container = ImageContainer.Gif, Truncated = "the file ends inside the screen descriptor", Offset = data.Length };
        var width = data[6] | data[7] << 8;
        var height = data[8] | data[9] << 8;
        var result = new ImageStructure { Container = ImageContainer.Gif, Width = width, Height = height, Channels = 3 };
        var p = 13 + ColorTableSize(data[10]);
        var frames = 0;
        while (true)
        {
            if (p >= data.Length)
                return frames > 0
                    ? result with { MissingEndMarker = "the file ends without the GIF trailer (0x3B) after complete frames", Offset = p, Pages = frames }
                    : result with { Truncated = "the file ends before any image data", Offset = p, Pages = frames };
            switch (data[p])
            {
                case 0x3B:
                    return result with { TrailingBytes = data.Length - p - 1, Offset = p + 1, Pages = frames };
                case 0x21:
                    p += 2;
                    if (!SkipSubBlocks(data, ref p)) return Cut(result, "the file ends inside an extension block", p, frames);
                    break;
                case 0x2C:
                    if (p + 10 > data.Length) return Cut(result, "the file ends inside an image descriptor", p, frames);
                    var packed = data[p + 9];
                    p += 10 + ((packed & 0x80) != 0 ? 3 * (1 << ((packed & 7) + 1)) : 0) + 1; // local colour table, LZW code size
                    if (p > data.Length || !SkipSubBlocks(data, ref p)) return Cut(result, $"the file ends inside the image data of frame {frames + 1}", Math.Min(p, data.Length), frames);
                    frames++;
                    break;
                default:
                    p++;
                    break;
            }
        }
    }

    /// <summary>The file ends early: a truncation before the first frame is complete; after it, damage to later frames
    /// only (PIL's <c>load()</c> and OpenCV read the first frame and return it).</summary>
    private static ImageStructure Cut(ImageStructure result, string what, int offset, int frames) => frames == 0
        ? result with { Truncated = what, Offset = offset, Pages = frames }
        : result with { LaterPagesProblem = $"{what} (after {frames} complete)", Offset = offset, Pages = frames + 1 };

    private static int ColorTableSize(byte packed) => (packed & 0x80) != 0 ? 3 * (1 << ((packed & 7) + 1)) : 0;

    private static bool SkipSubBlocks(ReadOnlySpan<byte> data, ref int p)
    {
        while (true)
        {
            if (p >= data.Length) return false;
            var size = data[p++];
            if (size == 0) return true;
            p += size;
            if (p > data.Length) return false;
        }
    }
}
