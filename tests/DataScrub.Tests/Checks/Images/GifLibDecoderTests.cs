using DataScrub.Analysis.Statistics;
using DataScrub.Images.Decoding;
using DataScrub.Images.GifLib;
using DataScrub.Samples;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Images;

/// <summary>The giflib decoder on fixtures/images/gif (fixtures/make_gif_webp_fixtures.py; Pillow's verdicts in its
/// README): valid files decode with the first frame's colours, damage in the first frame is found, and the pixel
/// limit and deadline stop it.</summary>
public class GifLibDecoderTests
{
    private static GifLibDecoder Decoder => GifLibDecoder.Instance ?? throw new InvalidOperationException("libgif.so.7 not found: apt-get install libgif7");

    private static byte[] Read(string name) => File.ReadAllBytes(Fixtures.Path($"{Fixtures.Images.GifDecoding}/{name}"));

    [Fact]
    public void Instance_LoadsTheSystemsGiflib5()
    {
        Assert.NotNull(GifLibDecoder.Instance);
        Assert.Equal(ImageContainer.Gif, Decoder.Container);
        Assert.Equal("giflib 5 (libgif.so.7)", Decoder.Name);
    }

    [Theory]
    [InlineData("plain.gif", 48, 40, 1, "plain.gif")]
    [InlineData("interlaced.gif", 48, 40, 1, "interlaced.gif")]
    [InlineData("local_palette_first.gif", 40, 32, 1, "local_palette_first.gif")]
    [InlineData("animated_local_palettes.gif", 40, 32, 3, "animated_local_palettes.gif")]
    // ImageSharp 2.1 rejects the stray bytes ("No data"); the frames are those of animated_local_palettes.gif.
    [InlineData("stray_bytes.gif", 40, 32, 3, "animated_local_palettes.gif")]
    public void Decode_ValidGif_DecodesTheFirstFrameWithItsColours(string name, int width, int height, int pages, string sameFirstFrameAs)
    {
        var (result, moments) = ReferenceMoments.Decode(Decoder, Read(name));

        Assert.Equal(DecodeResult.Decoded(width, height, 3, pages, 3), result);
        ReferenceMoments.AssertClose(ReferenceMoments.OfFirstFrame(Read(sameFirstFrameAs)), moments, meanTolerance: 1e-9);
    }

    [Fact]
    public void Decode_InterlacedAndPlainCopiesOfOnePicture_SameMoments()
    {
        var (_, plain) = ReferenceMoments.Decode(Decoder, Read("plain.gif"));
        var (_, interlaced) = ReferenceMoments.Decode(Decoder, Read("interlaced.gif"));

        // Rows come in another order, so the merged sums may differ in the last bits.
        ReferenceMoments.AssertClose(plain, interlaced, meanTolerance: 1e-9);
    }

    [Fact]
    public void Decode_FrameSmallerThanTheScreen_MomentsOfPilsPictureWithIndex0AroundIt()
    {
        // plain.gif's 48x40 frame on a 60x50 screen: PIL's picture is 60x50, the 1080 pixels around the frame being
        // colour 0 of the palette (there is no transparent index).
        var bytes = Read("plain.gif");
        BitConverter.TryWriteBytes(bytes.AsSpan(6, 2), (ushort)60);
        BitConverter.TryWriteBytes(bytes.AsSpan(8, 2), (ushort)50);
        var frameOnly = ReferenceMoments.Decode(Decoder, Read("plain.gif")).Moments;
        var around = new RunningMoments[3];
        RunningMoments.OfInterleaved(Enumerable.Repeat(bytes[13..16], 60 * 50 - 48 * 40).SelectMany(rgb => rgb).ToArray(), around);

        var (result, moments) = ReferenceMoments.Decode(Decoder, bytes);

        Assert.Equal(DecodeResult.Decoded(60, 50, 3, 1, 3), result);
        ReferenceMoments.AssertClose([.. frameOnly.Zip(around, (f, a) => f.Merge(a))], moments, meanTolerance: 1e-9);
    }

    [Fact]
    public void Decode_WithoutMoments_FillsNone()
    {
        var result = Decoder.Decode(Read("plain.gif"), new DecodeRequest(long.MaxValue));

        Assert.Equal(DecodeResult.Decoded(48, 40, 3), result);
    }

    [Theory]
    [InlineData("cut_in_first_frame.gif", DecodeVerdict.Truncated, "the data ends at byte 439")]
    [InlineData("too_little_pixel_data.gif", DecodeVerdict.Truncated, "Image EOF detected before image complete")]
    [InlineData("no_image_data.gif", DecodeVerdict.Corrupt, "Image is defective")]
    [InlineData("lzw_code_size_13.gif", DecodeVerdict.Corrupt, "LZW code size above 8")]
    public void Decode_DamagedFirstFrame_IsFoundWithGiflibsWords(string name, DecodeVerdict verdict, string words)
    {
        var result = Decoder.Decode(Read(name), new DecodeRequest(long.MaxValue));

        Assert.Equal(verdict, result.Verdict);
        Assert.Contains(words, result.Message);
        Assert.StartsWith("giflib: ", result.Message);
        Assert.Equal((48, 40), (result.Width, result.Height));
    }

    [Fact]
    public void Decode_LzwCodeSizeAbove8ThatPilDecodes_IsUnsupportedNotDamage()
    {
        // PIL decodes code sizes up to 12 (README: lzw_code_size_9.gif loads, with plain.gif's pixels); giflib stops at 8.
        var result = Decoder.Decode(Read("lzw_code_size_9.gif"), new DecodeRequest(long.MaxValue));

        Assert.Equal(DecodeVerdict.Unsupported, result.Verdict);
        Assert.Contains("the first frame's is 9", result.Message);
    }

    [Fact]
    public void Decode_HugeFrameWithARefusedCodeSize_IsTooLargeAsPilSays()
    {
        // As Pillow's decompression_bomb.gif: a 65535x1321 frame 65280 rows down and a code size of 143. PIL refuses the
        // 65535x66601 picture before it reads the code size; giflib reads both in one call, so the size is checked
        // after it fails.
        var bytes = Read("plain.gif");
        var descriptor = Array.IndexOf(bytes, (byte)0x2C, 13 + 3 * 32);
        BitConverter.TryWriteBytes(bytes.AsSpan(descriptor + 3, 2), (ushort)65280);
        BitConverter.TryWriteBytes(bytes.AsSpan(descriptor + 5, 2), (ushort)65535);
        BitConverter.TryWriteBytes(bytes.AsSpan(descriptor + 7, 2), (ushort)1321);
        bytes[descriptor + 10] = 143;

        var result = Decoder.Decode(bytes, new DecodeRequest(178_956_970));

        Assert.Equal(DecodeVerdict.TooLarge, result.Verdict);
        Assert.Contains("65535x66601 = 4364696535 pixels", result.Message);
    }

    [Theory]
    [InlineData(0, "the screen descriptor")]
    [InlineData(6, "the screen descriptor")]
    [InlineData(12, "the screen descriptor")]
    [InlineData(200, "the first frame")]
    [InlineData(755, "the last sub-block of the first frame")]
    public void Decode_CutBeforeTheLastPixel_IsTruncated(int cut, string where)
    {
        var result = Decoder.Decode(Read("plain.gif").AsSpan(0, cut), new DecodeRequest(long.MaxValue));

        Assert.True(result.Verdict == DecodeVerdict.Truncated, $"cut at {cut} ({where}): {result}");
    }

    [Fact]
    public void Decode_CutAfterTheLastPixelBeforeTheBlockTerminator_DecodesAsPilDoes()
    {
        // PIL stops reading at the last pixel; giflib reads on to the block terminator, which this cut removes.
        var result = Decoder.Decode(Read("plain.gif").AsSpan(0, 759), new DecodeRequest(long.MaxValue));

        Assert.Equal(DecodeResult.Decoded(48, 40, 3), result);
    }

    [Fact]
    public void Decode_CutAtASubBlockSizeWithPixelsMissing_IsTruncated()
    {
        // plain.gif's LZW data: code size at 119, a 255-byte sub-block at 120, the next size byte at 376.
        Assert.Equal(255, Read("plain.gif")[120]);

        var result = Decoder.Decode(Read("plain.gif").AsSpan(0, 376), new DecodeRequest(long.MaxValue));

        Assert.Equal(DecodeVerdict.Truncated, result.Verdict);
    }

    [Fact]
    public void Decode_WithoutTheTrailerOnly_Decodes()
    {
        // The trailer is the structure walk's business (missing-end-marker, a warning): the pixels are all there.
        var result = Decoder.Decode(Read("plain.gif").AsSpan(0, 760), new DecodeRequest(long.MaxValue));

        Assert.Equal(DecodeResult.Decoded(48, 40, 3), result);
    }

    [Fact]
    public void Decode_AboveThePixelLimit_IsTooLargeWithoutDecoding()
    {
        // The pixels of this file are cut: a decode would say Truncated, so TooLarge means none was attempted.
        var result = Decoder.Decode(Read("cut_in_first_frame.gif"), new DecodeRequest(48 * 40 - 1));

        Assert.Equal(DecodeVerdict.TooLarge, result.Verdict);
        Assert.Equal((48, 40), (result.Width, result.Height));
        Assert.Contains("48x40 = 1920 pixels", result.Message);
    }

    [Fact]
    public void Decode_AtThePixelLimit_Decodes()
    {
        Assert.Equal(DecodeVerdict.Decoded, Decoder.Decode(Read("plain.gif"), new DecodeRequest(48 * 40)).Verdict);
    }

    [Fact]
    public void Decode_PastDeadline_TimesOut()
    {
        var result = Decoder.Decode(Read("plain.gif"), new DecodeRequest(long.MaxValue, ReferenceMoments.PastDeadline));

        Assert.Equal(DecodeVerdict.TimedOut, result.Verdict);
        Assert.Contains("0 of 40 lines", result.Message);
    }

    [Fact]
    public void Decode_ManyThreadsAtOnce_SameVerdictsAndMomentsAsOneThread()
    {
        var files = Directory.GetFiles(Fixtures.Path(Fixtures.Images.GifDecoding), "*.gif").Order().Select(File.ReadAllBytes).ToArray();
        var expected = files.Select(f => ReferenceMoments.Decode(Decoder, f)).ToArray();

        Parallel.For(0, files.Length * 40, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (result, moments) = ReferenceMoments.Decode(Decoder, files[i % files.Length]);
            Assert.Equal(expected[i % files.Length].Result, result);
            Assert.Equal(expected[i % files.Length].Moments, moments);
        });
    }
}
