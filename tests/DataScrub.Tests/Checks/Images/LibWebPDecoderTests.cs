using DataScrub.Images.Decoding;
using DataScrub.Images.LibWebP;
using DataScrub.Samples;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Images;

/// <summary>The libwebp decoder on fixtures/images/webp (fixtures/make_gif_webp_fixtures.py; Pillow's verdicts in its
/// README): lossy, lossless, alpha and animated files decode with the first frame's colours, cut and damaged
/// bitstreams are told apart, and the pixel limit and deadline stop it.</summary>
public class LibWebPDecoderTests
{
    private static LibWebPDecoder Decoder => LibWebPDecoder.Instance ?? throw new InvalidOperationException("libwebp.so.7 not found: apt-get install libwebp7 libwebpdemux2");

    private static byte[] Read(string name) => File.ReadAllBytes(Fixtures.Path($"{Fixtures.Images.WebPDecoding}/{name}"));

    [Fact]
    public void Instance_LoadsTheSystemsLibWebPWithItsDemuxer()
    {
        Assert.NotNull(LibWebPLibrary.Instance);
        Assert.Equal(ImageContainer.WebP, Decoder.Container);
        Assert.Matches(@"^libwebp 1\.\d+\.\d+$", Decoder.Name);
        Assert.True(LibWebPLibrary.Instance.CanDecodeAnimations, "libwebpdemux.so.2 not found: apt-get install libwebpdemux2");
    }

    [Theory]
    // Lossless is exact, so ImageSharp's decode must agree to the last bit of the mean; a lossy decode differs by
    // each decoder's rounding and upsampling, so there only to a fraction of a grey level.
    [InlineData("lossless.webp", 48, 40, 1, 1e-9, "lossless.webp")]
    [InlineData("lossy.webp", 64, 48, 1, 0.5, "lossy.webp")]
    [InlineData("alpha.webp", 48, 40, 1, 0.5, "alpha.webp")]
    // ImageSharp 2.1 does not decode animations: the reference is the first frame saved alone with the same settings.
    [InlineData("animated.webp", 40, 32, 3, 0.5, "animated_first_frame.webp")]
    public void Decode_ValidWebP_DecodesTheFirstFrameWithItsColours(string name, int width, int height, int pages, double meanTolerance, string sameFirstFrameAs)
    {
        var (result, moments) = ReferenceMoments.Decode(Decoder, Read(name));

        Assert.Equal(DecodeResult.Decoded(width, height, 3, pages, 3), result);
        var reference = ReferenceMoments.OfFirstFrame(Read(sameFirstFrameAs));
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(reference[c].Count, moments[c].Count);
            Assert.True(Math.Abs(reference[c].Mean - moments[c].Mean) <= meanTolerance, $"channel {c}: mean {moments[c].Mean}, ImageSharp {reference[c].Mean}");
        }
    }

    [Fact]
    public void Decode_Lossless_ExactlyImageSharpsPixels()
    {
        var bytes = Read("lossless.webp");

        ReferenceMoments.AssertClose(ReferenceMoments.OfFirstFrame(bytes), ReferenceMoments.Decode(Decoder, bytes).Moments, meanTolerance: 1e-9);
    }

    [Theory]
    [InlineData("lossy_cut.webp", DecodeVerdict.Truncated, "the file's chunks end before its RIFF header says they do")]
    [InlineData("lossy_xor.webp", DecodeVerdict.Corrupt, "VP8_STATUS_SUSPENDED")]
    [InlineData("lossless_xor.webp", DecodeVerdict.Corrupt, "VP8_STATUS_BITSTREAM_ERROR")]
    // Decoded whole (WebPDecode over the file) this one passes, reading on into the EXIF chunk; PIL decodes the
    // frame's chunk alone and fails, and so must this decoder.
    [InlineData("xor_reads_past_chunk.webp", DecodeVerdict.Corrupt, "the first frame's bitstream does not decode within its chunk")]
    [InlineData("animated_cut.webp", DecodeVerdict.Truncated, "the file's chunks end before its RIFF header says they do")]
    public void Decode_DamagedWebP_IsFoundWithLibWebPsStatus(string name, DecodeVerdict verdict, string words)
    {
        var result = Decoder.Decode(Read(name), new DecodeRequest(long.MaxValue));

        Assert.Equal(verdict, result.Verdict);
        Assert.Contains(words, result.Message);
    }

    [Theory]
    [InlineData("lossy.webp")]
    [InlineData("lossless.webp")]
    [InlineData("alpha.webp")]
    [InlineData("animated.webp")]
    public void Decode_AnyCut_IsTruncatedOrCorruptNeverDecoded(string name)
    {
        var bytes = Read(name);
        for (var cut = 0; cut < bytes.Length; cut += 5)
        {
            var result = Decoder.Decode(bytes.AsSpan(0, cut), new DecodeRequest(long.MaxValue));
            Assert.True(result.Verdict is DecodeVerdict.Truncated or DecodeVerdict.Corrupt, $"{name} cut at {cut} of {bytes.Length}: {result}");
        }
    }

    [Theory]
    [InlineData("lossy.webp", 64, 48)]
    [InlineData("animated.webp", 40, 32)]
    public void Decode_AboveThePixelLimit_IsTooLargeWithoutDecoding(string name, int width, int height)
    {
        var result = Decoder.Decode(Read(name), new DecodeRequest((long)width * height - 1));

        Assert.Equal(DecodeVerdict.TooLarge, result.Verdict);
        Assert.Equal((width, height), (result.Width, result.Height));
    }

    [Fact]
    public void Decode_DamagedAboveThePixelLimit_IsTooLarge()
    {
        // The bitstream is damaged: a decode would say Corrupt, so TooLarge means none was attempted.
        Assert.Equal(DecodeVerdict.TooLarge, Decoder.Decode(Read("lossy_xor.webp"), new DecodeRequest(64 * 48 - 1)).Verdict);
    }

    [Theory]
    [InlineData("lossy.webp")]
    [InlineData("animated.webp")]
    public void Decode_PastDeadline_TimesOut(string name)
    {
        var result = Decoder.Decode(Read(name), new DecodeRequest(long.MaxValue, ReferenceMoments.PastDeadline));

        Assert.Equal(DecodeVerdict.TimedOut, result.Verdict);
    }

    [Fact]
    public void Decode_ManyThreadsAtOnce_SameVerdictsAndMomentsAsOneThread()
    {
        var files = Directory.GetFiles(Fixtures.Path(Fixtures.Images.WebPDecoding), "*.webp").Order().Select(File.ReadAllBytes).ToArray();
        var expected = files.Select(f => ReferenceMoments.Decode(Decoder, f)).ToArray();

        Parallel.For(0, files.Length * 40, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (result, moments) = ReferenceMoments.Decode(Decoder, files[i % files.Length]);
            Assert.Equal(expected[i % files.Length].Result, result);
            Assert.Equal(expected[i % files.Length].Moments, moments);
        });
    }
}
