using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using DataScrub.Analysis.Statistics;
using DataScrub.Images.Decoding;
using DataScrub.Images.LibTiff;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Images;

/// <summary>
/// The TIFF decoder over the system's libtiff, on the fixtures of fixtures/make_tiff_fixtures.py (each file and PIL's
/// verdict on it in fixtures/images/tiff/README.md).
/// </summary>
public class LibTiffDecoderTests
{
    private const long PilMaxPixels = 178_956_970;
    private static readonly DecodeRequest Plain = new(PilMaxPixels);

    private static LibTiffDecoder Decoder =>
        LibTiffDecoder.Instance ?? throw new InvalidOperationException("libtiff.so.6 not found: apt-get install libtiff6");

    private static byte[] Read(string name) => File.ReadAllBytes(Fixtures.Path($"{Fixtures.Images.Tiff}/{name}"));

    private static DecodeResult Decode(byte[] data, long maxPixels = PilMaxPixels, long deadline = long.MaxValue, RunningMoments[]? moments = null) =>
        Decoder.Decode(data, new DecodeRequest(maxPixels, deadline, moments));

    [Fact]
    public void LibTiff_IsInstalledWhereTheTestsRun()
    {
        // python3-pil (installed by .ci/run) depends on libtiff6; without it every test below fails on Decoder.
        Assert.NotNull(LibTiffDecoder.Instance);
        Assert.StartsWith("LIBTIFF, Version 4.", LibTiffLibrary.Instance!.Version);
        Assert.Equal($"libtiff {LibTiffLibrary.Instance.VersionNumber}", Decoder.Name);
        Assert.Equal(DataScrub.Samples.ImageContainer.Tiff, Decoder.Container);
    }

    [Theory]
    [InlineData("gray8_lzw.tif", 64, 48, 1, 1)]
    [InlineData("rgb8_adobe_deflate.tif", 48, 36, 3, 1)]
    [InlineData("rgba8_packbits.tif", 32, 24, 3, 1)]
    [InlineData("rgb8_jpeg.tif", 48, 36, 3, 1)]
    [InlineData("ycbcr_jpeg.tif", 48, 36, 3, 1)]
    [InlineData("cmyk8_jpeg.tif", 48, 36, 4, 1)]
    [InlineData("bilevel_g3.tif", 64, 48, 1, 1)]
    [InlineData("bilevel_g4.tif", 64, 48, 1, 1)]
    [InlineData("bilevel_fillorder2.tif", 32, 8, 1, 1)]
    [InlineData("rgb8_lzma.tif", 48, 36, 3, 1)]
    [InlineData("rgb8_zstd.tif", 48, 36, 3, 1)]
    [InlineData("rgb8_webp.tif", 48, 36, 3, 1)]
    [InlineData("gray4.tif", 30, 8, 1, 1)]
    [InlineData("gray12.tif", 30, 8, 1, 1)]
    [InlineData("gray16_deflate.tif", 32, 24, 1, 1)]
    [InlineData("int16_signed.tif", 16, 8, 1, 1)]
    [InlineData("float32_lzw.tif", 32, 24, 1, 1)]
    [InlineData("float64_deflate.tif", 16, 8, 1, 1)]
    [InlineData("palette_lzw.tif", 48, 36, 3, 1)]
    [InlineData("cielab8.tif", 16, 8, 3, 1)]
    [InlineData("rgb8_strips_deflate.tif", 100, 70, 3, 1)]
    [InlineData("rgb8_tiled_deflate.tif", 100, 70, 3, 1)]
    [InlineData("rgb8_planar_deflate.tif", 100, 70, 3, 1)]
    [InlineData("gray8_bigtiff_deflate.tif", 64, 48, 1, 1)]
    [InlineData("multipage_sizes.tif", 32, 24, 3, 3)]
    [InlineData("fax_3pages_g4.tif", 3307, 4677, 1, 3)]
    public void Decode_ValidFile_IsDecodedWithItsFirstPageShapeAndPageCount(string name, int width, int height, int channels, int pages)
    {
        var result = Decode(Read(name));

        Assert.Equal((DecodeVerdict.Decoded, (string?)null), (result.Verdict, result.Message));
        Assert.Equal((width, height, channels, pages), (result.Width, result.Height, result.Channels, result.Pages));
    }

    /// <summary>The 100x70 scene of make_tiff_fixtures.py, 8x8 blocks: the moments a correct decode must give.</summary>
    private static RunningMoments[] SceneMoments(int width, int height)
    {
        var channels = new List<byte>[] { [], [], [] };
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                channels[0].Add((byte)(x / 8 * 20 + 10));
                channels[1].Add((byte)(y / 8 * 20 + 20));
                channels[2].Add((byte)((x / 8 + y / 8) % 5 * 40 + 5));
            }
        return channels.Select(c => RunningMoments.Of(c.ToArray())).ToArray();
    }

    [Theory]
    [InlineData("rgb8_strips_deflate.tif")]
    [InlineData("rgb8_tiled_deflate.tif")]
    public void Decode_RgbStripsOrTiles_FillsTheMomentsOfTheImageAreaOnly(string name)
    {
        // The tiles' parts outside the 100x70 image are 255, a value the scene never has.
        var moments = new RunningMoments[4];
        var result = Decode(Read(name), moments: moments);

        Assert.Equal(3, result.MomentChannels);
        var expected = SceneMoments(100, 70);
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(expected[c].Count, moments[c].Count);
            Assert.Equal(expected[c].Mean, moments[c].Mean, 9);
            Assert.Equal(expected[c].Variance, moments[c].Variance, 6);
            Assert.Equal((expected[c].Min, expected[c].Max), (moments[c].Min, moments[c].Max));
        }
        Assert.Equal(0, moments[3].Count);
    }

    [Fact]
    public void Decode_RgbaPage_LeavesAlphaOutOfTheMoments()
    {
        var moments = new RunningMoments[4];
        var result = Decode(Read("rgba8_packbits.tif"), moments: moments);

        Assert.Equal(3, result.MomentChannels);
        var expected = SceneMoments(32, 24);
        Assert.Equal(expected.Select(m => (m.Count, Math.Round(m.Mean, 9))), moments.Take(3).Select(m => (m.Count, Math.Round(m.Mean, 9))));
        Assert.Equal(0, moments[3].Count);
    }

    [Fact]
    public void Decode_GrayPage_FillsOneChannel()
    {
        var moments = new RunningMoments[4];
        var result = Decode(Read("gray8_lzw.tif"), moments: moments);

        var values = new List<byte>();
        for (var y = 0; y < 48; y++)
            for (var x = 0; x < 64; x++)
                values.Add((byte)(x / 4 * 13 + y / 4 * 7 + 3));
        var expected = RunningMoments.Of(values.ToArray());
        Assert.Equal(1, result.MomentChannels);
        Assert.Equal((expected.Count, expected.Mean, expected.Min, expected.Max), (moments[0].Count, moments[0].Mean, moments[0].Min, moments[0].Max));
    }

    [Theory]
    [InlineData("float32_lzw.tif")]
    [InlineData("gray16_deflate.tif")]
    [InlineData("palette_lzw.tif")]
    [InlineData("ycbcr_jpeg.tif")]
    [InlineData("rgb8_planar_deflate.tif")]
    [InlineData("cmyk8_jpeg.tif")]
    public void Decode_PageWhoseBytesAreNotGrayOrRgbValues_FillsNoMoments(string name)
    {
        var moments = new RunningMoments[4];
        var result = Decode(Read(name), moments: moments);

        Assert.Equal((DecodeVerdict.Decoded, 0), (result.Verdict, result.MomentChannels));
        Assert.All(moments, m => Assert.Equal(0, m.Count));
    }

    [Theory]
    [InlineData("cut_strip.tif", DecodeVerdict.Truncated, "page 1: strip 0 ends at byte 5324, past the end of the 3549-byte file")]
    [InlineData("ifd_past_end.tif", DecodeVerdict.Truncated, "page 1: its directory starts at byte 2846, past the end of the 1846-byte file")]
    [InlineData("samples_65535.tif", DecodeVerdict.Corrupt, "65535 samples of 8 bits per pixel")]
    [InlineData("lzw_xor.tif", DecodeVerdict.Corrupt, "page 1: strip 0 of 1:")]
    public void Decode_DamagedFile_NamesTheDamage(string name, DecodeVerdict verdict, string message)
    {
        var result = Decode(Read(name));

        Assert.Equal(verdict, result.Verdict);
        Assert.Contains(message, result.Message);
        Assert.StartsWith("libtiff: ", result.Message);
    }

    [Fact]
    public void Decode_SecondPagesStripPastTheEnd_FirstPageDecodedAndTheDamageSaid()
    {
        // PIL's load() and cv::imread read page 1 only: the file trains, so it is not bad; the damage is still reported.
        var result = Decode(Read("page2_strip_past_end.tif"));

        Assert.Equal(DecodeVerdict.Decoded, result.Verdict);
        Assert.StartsWith("page 2: strip 0 ends at byte", result.LaterPagesProblem);
    }

    [Fact]
    public void Decode_FileCutBeforeItsDirectory_IsTruncated()
    {
        // Pillow's libtiff writer puts the directory after the pixels: every cut before it loses the directory.
        var whole = Read("gray8_lzw.tif");
        var directory = BinaryPrimitives.ReadUInt32LittleEndian(whole.AsSpan(4));
        var verdicts = new List<string>();
        for (var length = 1; length <= directory; length += 37)
        {
            var result = Decode(whole[..length]);
            if (result.Verdict != DecodeVerdict.Truncated) verdicts.Add($"{length}: {result.Verdict} {result.Message}");
        }

        Assert.Empty(verdicts);
    }

    /// <summary>One byte inside an LZW or Deflate strip XOR-ed at a time (fixtures/make_tiff_fixtures.py): the decoder
    /// calls the copy bad exactly when PIL's <c>Image.open(f).load()</c> fails on it (both decode with libtiff).</summary>
    [Fact]
    public void Decode_CompressedStripWithADamagedByte_IsCorruptExactlyWhenPilFailsToLoadIt()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path($"{Fixtures.Images.Tiff}/damage.expected.json")));
        var xor = (byte)doc.RootElement.GetProperty("xor").GetInt32();
        var disagreements = new List<string>();
        var failures = 0;
        foreach (var source in doc.RootElement.GetProperty("sources").EnumerateArray())
        {
            var original = File.ReadAllBytes(Fixtures.Path(source.GetProperty("path").GetString()!));
            foreach (var damage in source.GetProperty("damaged").EnumerateArray())
            {
                var at = damage.GetProperty("offset").GetInt32();
                var copy = (byte[])original.Clone();
                copy[at] ^= xor;
                var pilFails = damage.GetProperty("pil").GetString() == "fails";
                var result = Decode(copy);
                if (pilFails) failures++;
                if (pilFails != (result.Verdict != DecodeVerdict.Decoded) || (pilFails && result.Verdict != DecodeVerdict.Corrupt))
                    disagreements.Add($"{source.GetProperty("path")}@{at}: PIL {(pilFails ? "fails" : "loads")}, {result.Verdict} {result.Message}");
            }
        }

        Assert.Empty(disagreements);
        Assert.True(failures > 50, $"only {failures} damaged copies fail under PIL: the damage misses the strips");
    }

    [Fact]
    public void Decode_MorePixelsThanTheLimit_IsTooLargeWithoutDecoding()
    {
        // lzw_xor.tif's strip does not decode: TooLarge shows the decoder stopped before reading it.
        var result = Decode(Read("lzw_xor.tif"), maxPixels: 48 * 36 - 1);

        Assert.Equal(DecodeVerdict.TooLarge, result.Verdict);
        Assert.Equal("libtiff: 48x36 = 1728 pixels, above the limit of 1727 (--max-pixels); not decoded", result.Message);
        Assert.Equal((48, 36, 3), (result.Width, result.Height, result.Channels));
        Assert.Equal(DecodeVerdict.Decoded, Decode(Read("gray8_lzw.tif"), maxPixels: 64 * 48).Verdict);
    }

    [Fact]
    public void Decode_PastDeadline_IsTimedOut()
    {
        var result = Decode(Read("fax_3pages_g4.tif"), deadline: 1);

        Assert.Equal(DecodeVerdict.TimedOut, result.Verdict);
        Assert.Contains("over the time limit", result.Message);
    }

    [Theory]
    [InlineData(50002, DecodeVerdict.Unsupported, "this libtiff has no JPEG XL codec (compression 50002)")]
    [InlineData(34712, DecodeVerdict.Unsupported, "this libtiff has no JPEG 2000 codec (compression 34712)")]
    [InlineData(12345, DecodeVerdict.Corrupt, "page 1 declares compression 12345, which is no TIFF compression scheme")]
    public void Decode_CompressionLibTiffCannotDecode_IsUnsupportedWhenTheSchemeIsReal(int compression, DecodeVerdict verdict, string message)
    {
        var data = Read("gray8_lzw.tif");
        SetShortTag(data, 259, (ushort)compression);

        var result = Decode(data);

        Assert.Equal((verdict, $"libtiff: {message}"), (result.Verdict, result.Message));
    }

    [Theory]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A }, DecodeVerdict.Truncated)]
    [InlineData(new byte[] { 0x4D, 0x4D, 0x00, 0x2A, 0x00 }, DecodeVerdict.Truncated)]
    [InlineData(new byte[] { 0x49, 0x49, 0x2B, 0x00, 0x08, 0x00, 0x00, 0x00 }, DecodeVerdict.Truncated)]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E, 0x0A, 0x0A, 0x0A, 0x0A }, DecodeVerdict.Corrupt)]
    public void Decode_NoWholeHeader_IsTruncatedOrCorrupt(byte[] data, DecodeVerdict verdict)
    {
        var result = Decode(data);

        Assert.Equal((verdict, 0), (result.Verdict, result.Pages));
        Assert.NotNull(result.Message);
    }

    [Fact]
    public void Decode_EmptyData_IsTruncated() => Assert.Equal(DecodeVerdict.Truncated, Decoder.Decode([], Plain).Verdict);

    [Fact]
    public void Decode_DamagedDirectories_NeverThrows()
    {
        // Every byte of the header and the directory of two files XOR-ed in turn: whatever libtiff makes of it, the
        // decoder answers with a verdict.
        foreach (var name in new[] { "gray8_lzw.tif", "rgb8_tiled_deflate.tif" })
        {
            var original = Read(name);
            var directory = (int)BinaryPrimitives.ReadUInt32LittleEndian(original.AsSpan(4));
            foreach (var at in Enumerable.Range(0, 8).Concat(Enumerable.Range(directory, original.Length - directory)))
            {
                var copy = (byte[])original.Clone();
                copy[at] ^= 0xA5;
                var result = Decode(copy);
                Assert.True(result.Verdict == DecodeVerdict.Decoded || result.Message is not null, $"{name}@{at}: {result.Verdict} without a message");
            }
        }
    }

    [Fact]
    public void Decode_FaxOfThreeA4Pages_DecodesOnlyPageOneQuickly()
    {
        var data = Read("fax_3pages_g4.tif");
        Decode(data); // JIT and the pool's first buffer
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var result = Decode(data);

        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal((DecodeVerdict.Decoded, 3), (result.Verdict, result.Pages));
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"took {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(allocated < 256 * 1024, $"allocated {allocated} managed bytes");
    }

    [Fact]
    public void Decode_OnSeveralThreadsAtOnce_GivesTheSameVerdicts()
    {
        var files = Directory.GetFiles(Fixtures.Path(Fixtures.Images.Tiff), "*.tif").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        var expected = files.Select(f => Decode(f)).ToArray();
        Assert.Contains(expected, r => r.Verdict == DecodeVerdict.Corrupt);
        Assert.Contains(expected, r => r.Verdict == DecodeVerdict.Truncated);

        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (var round = 0; round < 5; round++)
                for (var i = 0; i < files.Length; i++)
                {
                    // Each thread starts at another file, so different files (and messages) are in flight at once.
                    var k = (i + t * 7) % files.Length;
                    var result = Decode(files[k]);
                    if (result != expected[k]) mismatches.Add($"file {k}: {result} instead of {expected[k]}");
                }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Decode_WithProcessWideMessageHandlers_GivesTheSameVerdictsAndMessagesOnSeveralThreads()
    {
        // libtiff < 4.5 has no per-handle handlers: messages reach the process-wide handler, which hands them to the
        // calling thread's capture. Every message must land with the decode that caused it.
        var threadCaptured = new LibTiffDecoder(LibTiffLibrary.Instance!, useOpenOptions: false);
        var files = Directory.GetFiles(Fixtures.Path(Fixtures.Images.Tiff), "*.tif").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        var expected = files.Select(f => Decode(f)).ToArray();

        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (var round = 0; round < 5; round++)
                for (var i = 0; i < files.Length; i++)
                {
                    var k = (i + t * 7) % files.Length;
                    var result = threadCaptured.Decode(files[k], Plain);
                    if (result != expected[k]) mismatches.Add($"file {k}: {result} instead of {expected[k]}");
                }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(mismatches);
        Assert.Contains(expected, r => r.Message?.Contains("Using code not yet in table", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("gray8_lzw.tif", 0, 1)]
    [InlineData("multipage_sizes.tif", 2, 3)]
    public void Decode_DirectoryChainThatLoopsBack_CountsEachPageOnce(string name, int loopingPage, int pages)
    {
        // The last directory's next pointer leads back to the first: libtiff stops there, as PIL does.
        var data = Read(name);
        var directories = DirectoryOffsets(data);
        var last = directories[loopingPage];
        var entries = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(last));
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(last + 2 + 12 * entries), (uint)directories[0]);

        var result = Decode(data);

        Assert.Equal((DecodeVerdict.Decoded, pages), (result.Verdict, result.Pages));
    }

    private static List<int> DirectoryOffsets(byte[] data)
    {
        var offsets = new List<int>();
        for (var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4)); at != 0 && !offsets.Contains(at);)
        {
            offsets.Add(at);
            var entries = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(at));
            at = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at + 2 + 12 * entries));
        }
        return offsets;
    }

    /// <summary>Sets a SHORT tag's value in the first directory of a little-endian classic TIFF.</summary>
    private static void SetShortTag(byte[] data, ushort tag, ushort value)
    {
        var directory = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(directory));
        for (var i = 0; i < count; i++)
        {
            var entry = directory + 2 + 12 * i;
            if (BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(entry)) != tag) continue;
            BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(entry + 8), value);
            return;
        }
        throw new ArgumentException($"tag {tag} not in the first directory");
    }
}
