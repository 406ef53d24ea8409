using DataScrub.Analysis.Statistics;
using DataScrub.Images.Decoding;
using DataScrub.Images.LibPng;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Images;

/// <summary>libpng's verdict through its simplified API: damage the structural walk cannot see (the zlib stream's
/// Adler-32, too little image data), valid files ImageSharp 2.1.13 fails on (IDAT split into 1-byte chunks), the pixel
/// limit before any allocation, and the decoded pixels' moments.</summary>
public class LibPngDecoderTests
{
    private static readonly LibPngDecoder Decoder = LibPngDecoder.Instance
        ?? throw new InvalidOperationException("libpng16.so.16 is not installed (Debian: libpng16-16); scripts/ensure-deps.sh installs it");

    private static DecodeResult Decode(byte[] png, RunningMoments[]? moments = null, long maxPixels = 1 << 30) =>
        Decoder.Decode(png, new DecodeRequest(maxPixels, long.MaxValue, moments));

    [Fact]
    public void Decode_Grey_DecodesWithTheMeanOfItsPixels()
    {
        var moments = new RunningMoments[4];
        var result = Decode(PngBytes.Gray(), moments);
        Assert.Equal(DecodeResult.Decoded(16, 16, 1, momentChannels: 1), result);
        // (x * 16 + y) for x, y in 0..15 covers 0..255 once each.
        Assert.Equal((256, 127.5, 0, 255), (moments[0].Count, moments[0].Mean, moments[0].Min, moments[0].Max));
    }

    [Fact]
    public void Decode_RgbaWithAlpha_MomentsOfTheColourChannelsOnly()
    {
        // Every pixel (10, 20, 30) with alpha 0: no compositing, so the colours are what a trainer dropping alpha sees.
        var png = PngBytes.File(PngBytes.Header(4, 3, 8, 6), [PngBytes.Zlib(PngBytes.Rows(3, 16, (x, _) => (byte)(x % 4 == 3 ? 0 : 10 * (x % 4 + 1))))]);
        var moments = new RunningMoments[4];
        var result = Decode(png, moments);
        Assert.Equal((DecodeVerdict.Decoded, 3, 3), (result.Verdict, result.Channels, result.MomentChannels));
        Assert.Equal([10.0, 20.0, 30.0], moments[..3].Select(m => m.Mean));
    }

    [Fact]
    public void Decode_SixteenBitGrey_ScaledToEightBitsWithoutAGammaChange()
    {
        // 0x8080 is 128 in 8 bits when scaled as sRGB values; treated as linear light it would become about 188.
        var png = PngBytes.File(PngBytes.Header(2, 2, 16, 0), [PngBytes.Zlib(PngBytes.Rows(2, 4, (_, _) => 0x80))]);
        var moments = new RunningMoments[4];
        Assert.Equal(DecodeVerdict.Decoded, Decode(png, moments).Verdict);
        Assert.Equal(128, moments[0].Mean);
    }

    [Fact]
    public void Decode_AdlerChecksumWrong_CorruptWithLibpngsWords()
    {
        var compressed = PngBytes.Zlib(PngBytes.Rows(16, 16, (x, y) => (byte)(x + y)));
        compressed[^1] ^= 0x55;
        var result = Decode(PngBytes.File(PngBytes.Header(16, 16, 8, 0), [compressed]));
        Assert.Equal(DecodeVerdict.Corrupt, result.Verdict);
        Assert.Equal("libpng: IDAT: incorrect data check", result.Message);
    }

    [Fact]
    public void Decode_TooLittleImageData_Truncated()
    {
        var png = PngBytes.File(PngBytes.Header(16, 16, 8, 0), [PngBytes.Zlib(PngBytes.Rows(14, 16, (x, y) => (byte)(x + y)))]);
        Assert.Equal(DecodeVerdict.Truncated, Decode(png).Verdict);
    }

    [Fact]
    public void Decode_IdatInOneByteChunks_Decodes()
    {
        // PngSuite's oi9n*: valid, and ImageSharp 2.1.13 fails on them with an index out of range.
        var compressed = PngBytes.Zlib(PngBytes.Rows(8, 8, (x, y) => (byte)(x * y)));
        var png = PngBytes.File(PngBytes.Header(8, 8, 8, 0), compressed.Select(b => new[] { b }));
        Assert.Equal(DecodeVerdict.Decoded, Decode(png).Verdict);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Decode_TinyInterlacedPalette_Decodes(int size)
    {
        // 1-bit palette, Adam7: the shape of PngSuite's s0Ni3p01 files. Passes with fewer than 8 columns are empty.
        ReadOnlySpan<byte> palette = [0, 0, 0, 255, 255, 255];
        var raw = new List<byte>();
        foreach (var (x0, y0, dx, dy) in new[] { (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2) })
        {
            int w = (size - x0 + dx - 1) / dx, h = (size - y0 + dy - 1) / dy;
            if (w <= 0 || h <= 0) continue;
            for (var y = 0; y < h; y++) raw.AddRange([0, 0b1010_1010]);
        }
        var png = PngBytes.File(PngBytes.Header(size, size, 1, 3, interlace: 1), [PngBytes.Zlib(raw.ToArray())], PngBytes.Chunk("PLTE", palette));
        Assert.Equal(DecodeResult.Decoded(size, size, 3), Decode(png));
    }

    [Fact]
    public void Decode_AboveThePixelLimit_TooLargeWithoutDecoding()
    {
        // 100000 x 100000 declared, 30 bytes of image data: refused from the header.
        var png = PngBytes.File(PngBytes.Header(100_000, 100_000, 8, 2), [PngBytes.Zlib([0, 1, 2, 3])]);
        var result = Decode(png, maxPixels: 1_000_000);
        Assert.Equal((DecodeVerdict.TooLarge, 100_000, 100_000), (result.Verdict, result.Width, result.Height));
    }

    [Fact]
    public void Decode_ManyThreadsAtOnce_SameVerdictsAndMoments()
    {
        var damaged = PngBytes.Zlib(PngBytes.Rows(16, 16, (x, y) => (byte)(x + y)));
        damaged[^2] ^= 1;
        byte[][] files = [PngBytes.Gray(), PngBytes.File(PngBytes.Header(16, 16, 8, 0), [damaged]), PngBytes.Gray(64, 48)];
        string Run(byte[] png)
        {
            var moments = new RunningMoments[4];
            var result = Decode(png, moments);
            return $"{result.Verdict} {result.Message} {moments[0].Count} {moments[0].Mean}";
        }
        var expected = files.Select(Run).ToArray();
        var seen = new string[400];
        Parallel.For(0, seen.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => seen[i] = Run(files[i % files.Length]));
        Assert.All(Enumerable.Range(0, seen.Length), i => Assert.Equal(expected[i % files.Length], seen[i]));
    }
}
