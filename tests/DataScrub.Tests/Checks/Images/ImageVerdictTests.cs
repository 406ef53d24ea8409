using System.Buffers.Binary;
using DataScrub.Images;
using DataScrub.Images.Decoding;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Images;

/// <summary>The inspector's verdict on damage a reference decoder alone would not report as PIL does (metadata
/// decompression bombs, impossible BMP depths) and on valid files the old walkers refused (a JPEG comment of length 0,
/// a BMP whose file-size field is wrong).</summary>
public class ImageVerdictTests
{
    private static string Kinds(byte[] data, ImageInspectionOptions? options = null) =>
        string.Join(" ", ImageInspector.Inspect(data, options ?? ImageInspectionOptions.Default).Problems.Select(p => p.Kind.Name));

    private static byte[] CompressedText(string chunk, int inflatedBytes)
    {
        var text = PngBytes.Zlib(new byte[inflatedBytes]);
        return chunk switch
        {
            "zTXt" or "iCCP" => PngBytes.Chunk(chunk, [.. "Comment"u8, 0, 0, .. text]),
            // keyword NUL, compressed, method 0, language NUL, translated keyword NUL.
            _ => PngBytes.Chunk("iTXt", [.. "Comment"u8, 0, 1, 0, .. "en"u8, 0, 0, .. text]),
        };
    }

    [Theory]
    [InlineData("zTXt")]
    [InlineData("iTXt")]
    [InlineData("iCCP")]
    public void Inspect_CompressedMetadataPastPilsLimit_CorruptAsABomb(string chunk)
    {
        var png = PngBytes.File(PngBytes.Header(16, 16, 8, 0), [PngBytes.Zlib(PngBytes.Rows(16, 16, (x, y) => (byte)x))], CompressedText(chunk, PngStructureLimit + 1));
        var result = ImageInspector.Inspect(png, ImageInspectionOptions.Default);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("corrupt-image", problem.Kind.Name);
        Assert.Contains("decompression bomb", problem.Message);
    }

    [Fact]
    public void Inspect_CompressedTextOfExactlyTheLimit_Clean()
    {
        var png = PngBytes.File(PngBytes.Header(16, 16, 8, 0), [PngBytes.Zlib(PngBytes.Rows(16, 16, (x, y) => (byte)x))], CompressedText("zTXt", PngStructureLimit));
        Assert.Equal("", Kinds(png));
    }

    private static byte[] WithBadCrc(byte[] chunk)
    {
        chunk[^1] ^= 0xFF;
        return chunk;
    }

    [Fact]
    public void Inspect_AncillaryChunkWithBadCrcBeforeThePixels_CorruptAsPilRefusesIt()
    {
        var png = PngBytes.File(PngBytes.Header(16, 16, 8, 0), [PngBytes.Zlib(PngBytes.Rows(16, 16, (x, y) => (byte)x))],
            WithBadCrc(PngBytes.Chunk("tEXt", "Comment\0hello"u8)));
        Assert.Equal("corrupt-image", Kinds(png));
    }

    [Fact]
    public void Inspect_AncillaryChunkWithBadCrcAfterThePixels_CleanAsLibpngAndPilLoadIt()
    {
        var good = PngBytes.File(PngBytes.Header(16, 16, 8, 0), [PngBytes.Zlib(PngBytes.Rows(16, 16, (x, y) => (byte)x))]);
        // Between the last IDAT and IEND (the last 12 bytes).
        byte[] png = [.. good[..^12], .. WithBadCrc(PngBytes.Chunk("tEXt", "Comment\0hello"u8)), .. good[^12..]];
        Assert.Equal("", Kinds(png));
    }

    private const int PngStructureLimit = DataScrub.Images.Structure.PngStructure.MaxMetadataBytes;

    [Fact]
    public void Inspect_JpegCommentOfLengthZero_CleanAsLibjpegReadsIt()
    {
        var jpeg = File.ReadAllBytes(Fixtures.Path(Fixtures.Images.Good.Bird000Jpeg));
        byte[] withComment = [.. jpeg[..2], 0xFF, 0xFE, 0x00, 0x00, .. jpeg[2..]];
        Assert.Equal("", Kinds(withComment));
    }

    private static byte[] Bmp(int width, int height, int bits, uint declaredSize = 0, int cutRows = 0)
    {
        var rowBytes = (width * bits + 31) / 32 * 4;
        var data = new byte[54 + rowBytes * (height - cutRows)];
        "BM"u8.CopyTo(data);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(2), declaredSize == 0 ? (uint)(54 + rowBytes * height) : declaredSize);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(10), 54);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(22), height);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(26), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(28), (ushort)bits);
        for (var i = 54; i < data.Length; i++) data[i] = (byte)i;
        return data;
    }

    [Fact]
    public void Inspect_Bmp_Clean() => Assert.Equal("", Kinds(Bmp(8, 4, 24)));

    [Fact]
    public void Inspect_BmpBitCount30000_Corrupt()
    {
        var bmp = Bmp(8, 4, 24);
        BinaryPrimitives.WriteUInt16LittleEndian(bmp.AsSpan(28), 30000);
        Assert.Equal("corrupt-image", Kinds(bmp));
    }

    [Fact]
    public void Inspect_BmpFileSizeFieldTooLargeButEveryRowThere_Clean() => Assert.Equal("", Kinds(Bmp(8, 4, 24, declaredSize: 100_000)));

    [Fact]
    public void Inspect_BmpRowsMissing_Truncated() => Assert.Equal("truncated-image", Kinds(Bmp(8, 4, 24, cutRows: 1)));

    private static byte[] AnimatedGif => File.ReadAllBytes(Fixtures.Path("images/gif/animated_local_palettes.gif"));

    [Fact]
    public void Inspect_AnimatedGifCutInALaterFrame_AWarningNotAnError()
    {
        // PIL's load() returns the first frame of such a file (it trains): reported, but --drop-bad keeps it.
        var gif = AnimatedGif;
        Assert.Equal("multipage-image", Kinds(gif[..(gif.Length * 2 / 3)]));
    }

    [Fact]
    public void Inspect_AnimatedGifCutInTheFirstFrame_Truncated()
    {
        var gif = AnimatedGif;
        Assert.Equal("truncated-image", Kinds(gif[..(gif.Length / 4)]));
    }

    [Fact]
    public void Inspect_PngWithoutSystemLibpng_ImageSharpStillJudgesIt()
    {
        var managed = ImageInspectionOptions.Default with { Decoders = ImageDecoders.ImageSharpOnly };
        Assert.Equal("", Kinds(PngBytes.Gray(), managed));
        // ImageSharp 2.1.13 fails inside on IDAT in 1-byte chunks: it cannot judge the file, which is no evidence of damage.
        var compressed = PngBytes.Zlib(PngBytes.Rows(8, 8, (x, y) => (byte)(x * y)));
        Assert.Equal("unsupported-image", Kinds(PngBytes.File(PngBytes.Header(8, 8, 8, 0), compressed.Select(b => new[] { b })), managed));
    }

    [Fact]
    public void Inspect_DecoderPastTheTimeLimit_DecodeTimeoutAndNoOtherVerdict()
    {
        var stuck = new StuckDecoder();
        var options = ImageInspectionOptions.Default with { Decoders = ImageDecoders.System.With(stuck), SampleTimeout = TimeSpan.FromMilliseconds(50) };
        var result = ImageInspector.Inspect(PngBytes.Gray(), options);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("decode-timeout", problem.Kind.Name);
        Assert.False(result.Decoded);
    }

    /// <summary>A decoder that honours the deadline the way libtiff's and giflib's wrappers do: it stops once it has passed.</summary>
    private sealed class StuckDecoder : IImageDecoder
    {
        public DataScrub.Samples.ImageContainer Container => DataScrub.Samples.ImageContainer.Png;

        public string Name => "stuck";

        public DecodeResult Decode(ReadOnlySpan<byte> data, in DecodeRequest request)
        {
            while (!request.TimeIsUp) Thread.Sleep(5);
            return DecodeResult.Failed(DecodeVerdict.TimedOut, "stopped after 0 of 1 rows: over the time limit");
        }
    }
}
