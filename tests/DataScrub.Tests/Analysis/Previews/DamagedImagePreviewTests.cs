using DataScrub.Analysis.Previews;
using DataScrub.Formats;
using DataScrub.Images;
using DataScrub.Images.Checks;
using DataScrub.Images.Decoding;
using DataScrub.Images.LibPng;
using DataScrub.Images.Previews;
using DataScrub.Images.TurboJpeg;
using DataScrub.Pipeline;
using DataScrub.Reporting;
using DataScrub.Tests.Shared;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace DataScrub.Tests.Analysis.Previews;

/// <summary>Thumbnails of damaged images: what libjpeg-turbo and libpng decode of a cut file, as a PNG that decodes, with
/// the rows they did not produce grey; none for an image that decodes, none where the decoder cannot say what it
/// produced; the first 24 in storage order whatever the thread count; never in the JSON report.</summary>
public sealed class DamagedImagePreviewTests
{
    private static readonly IPartialImageDecoder Jpeg = TurboJpegImageDecoder.Instance!;
    private static readonly IPartialImageDecoder Png = LibPngDecoder.Instance!;

    [Theory]
    // cut60.jpg: the data runs out in the second of three 16-row MCU rows (4:2:0).
    [InlineData(Fixtures.Images.Bad.JpegCut60, "jpeg", 64, 48, 16)]
    // Every MCU is there, only the EOI is missing: every row.
    [InlineData(Fixtures.Images.Bad.JpegNoEoi, "jpeg", 64, 48, 48)]
    // libpng inflates the rows whose compressed data the file still holds.
    [InlineData(Fixtures.Images.Bad.PngCut50, "png", 64, 48, 23)]
    [InlineData(Fixtures.Images.Bad.PngCut90, "png", 64, 48, 43)]
    [InlineData(Fixtures.Images.Damage + "/png_cut_inside_idat.png", "png", 32, 32, 15)]
    // A bad IDAT checksum is found after the last row: only the last row is lost.
    [InlineData(Fixtures.Images.Bad.PngCrc, "png", 64, 48, 47)]
    public void Make_CutImage_ShowsTheDecodedRowsAndGreyBelow(string fixture, string decoder, int width, int height, int rows)
    {
        var thumbnail = DamagedImageThumbnail.Make(File.ReadAllBytes(Fixtures.Path(fixture)), decoder == "jpeg" ? Jpeg : Png, long.MaxValue);

        Assert.NotNull(thumbnail);
        Assert.Equal((width, height, rows), (thumbnail.Width, thumbnail.Height, thumbnail.DecodedRows));
        using var image = Image.Load<Rgb24>(thumbnail.Png);
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.False(RowIsBlank(image, 0), "the top row shows the picture");
        Assert.False(RowIsBlank(image, rows - 1), "the last decoded row shows the picture");
        for (var y = rows; y < height; y++) Assert.True(RowIsBlank(image, y), $"row {y} was not decoded");
    }

    [Theory]
    // The data runs out inside the first MCU row: libjpeg stops before writing a row.
    [InlineData(Fixtures.Images.Bad.JpegCut50)]
    // A progressive JPEG writes its rows after its last scan, which the cut file lacks.
    [InlineData(Fixtures.Images.Bad.ProgressiveCut50)]
    // Cut inside a header segment: no size.
    [InlineData(Fixtures.Images.Bad.JpegCutHeader)]
    public void Make_JpegThatDecodesNoRow_HasNoThumbnail(string fixture) =>
        Assert.Null(DamagedImageThumbnail.Make(File.ReadAllBytes(Fixtures.Path(fixture)), Jpeg, long.MaxValue));

    [Fact]
    public void Make_LargeImage_IsBoxDownscaledToAtMost128()
    {
        // 400 x 300 baseline JPEG cut at 60%: a factor of 4, 100 x 75.
        using var source = new Image<Rgb24>(400, 300);
        source.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++) row[x] = new Rgb24((byte)x, (byte)y, (byte)(x ^ y));
            }
        });
        using var encoded = new MemoryStream();
        source.SaveAsJpeg(encoded, new JpegEncoder { Quality = 90 });
        var cut = encoded.ToArray()[..(encoded.ToArray().Length * 6 / 10)];

        var thumbnail = DamagedImageThumbnail.Make(cut, Jpeg, long.MaxValue);

        Assert.NotNull(thumbnail);
        Assert.InRange(thumbnail.DecodedRows, 1, 299);
        using var image = Image.Load<Rgb24>(thumbnail.Png);
        Assert.Equal((100, 75), (image.Width, image.Height));
        Assert.False(RowIsBlank(image, 0));
        Assert.True(RowIsBlank(image, 74));
        // Too many pixels for the limit: no decode at all.
        Assert.Null(DamagedImageThumbnail.Make(cut, Jpeg, maxPixels: 400 * 300 - 1));
    }

    [Fact]
    public void ImageCheck_DamagedImage_LeavesAPreviewAndAGoodOneNone()
    {
        var check = new ImageCheck();

        var (_, damaged) = new CheckHarness().EncodedImage(File.ReadAllBytes(Fixtures.Path(Fixtures.Images.Bad.PngCut50))).Run(check);
        var (_, good) = new CheckHarness().EncodedImage(File.ReadAllBytes(Fixtures.Path(Fixtures.Images.Good.Cat000Jpeg))).Run(check);

        var preview = damaged.DamagedImagePreview;
        Assert.NotNull(preview);
        Assert.Equal((7L, "00000007_k", "truncated-image", 64, 48, 23), (preview.SampleIndex, preview.Sample, preview.Kind, preview.Width, preview.Height, preview.DecodedRows));
        Assert.Null(good.DamagedImagePreview);
    }

    [Fact]
    public void ImageCheck_DecoderThatCannotDecodePart_LeavesNoPreview()
    {
        var check = new ImageCheck(new ImageInspectionOptions { Decoders = ImageDecoders.ImageSharpOnly });

        var (findings, observations) = new CheckHarness().EncodedImage(File.ReadAllBytes(Fixtures.Path(Fixtures.Images.Bad.JpegCut60))).Run(check);

        Assert.Contains(findings, f => f.Kind.Name == "truncated-image");
        Assert.Null(observations.DamagedImagePreview);
    }

    [Fact]
    public void Scan_ImageTree_PreviewsTheDamagedImagesInStorageOrder_NotInTheJson()
    {
        var (report, json) = Scan(Fixtures.Path(Fixtures.Images.Tree), threads: 2);

        var previews = Assert.Single(report.Sections.OfType<DamagedImagePreviewsSection>()).Previews;
        // cut50.jpg, progressive_cut50.jpg and cut_header.jpg decode no row; the GIF, WebP and TIFF decoders are not asked.
        Assert.Equal(
        [
            "cat/cut60.jpg:truncated-image:16", "cat/no_eoi.jpg:truncated-image:48", "dog/png_crc.png:corrupt-image:47",
            "dog/png_cut50.png:truncated-image:23", "dog/png_cut90.png:truncated-image:43",
        ], previews.Select(p => $"{p.Sample}:{p.Kind}:{p.DecodedRows}"));
        Assert.Equal(previews.OrderBy(p => p.SampleIndex), previews);
        Assert.DoesNotContain("\"previews\"", json);
    }

    [Fact]
    public void Scan_ManyDamagedImages_KeepsTheFirst24WhateverTheThreads()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("cut");
        Directory.CreateDirectory(folder);
        var cut = File.ReadAllBytes(Fixtures.Path(Fixtures.Images.Bad.JpegCut60));
        for (var i = 0; i < 60; i++) File.WriteAllBytes(Path.Combine(folder, $"img{i:D3}.jpg"), cut);

        foreach (var threads in new[] { 1, 2, 4 })
        {
            var (report, _) = Scan(folder, threads);
            var previews = Assert.Single(report.Sections.OfType<DamagedImagePreviewsSection>()).Previews;
            Assert.Equal(Enumerable.Range(0, DamagedImagePreviews.MaxPreviews).Select(i => (long)i), previews.Select(p => p.SampleIndex));
        }
    }

    [Fact]
    public void Scan_Hdf5_HasNoPreviewAnalysis()
    {
        var (report, _) = Scan(Fixtures.Path(Fixtures.Hdf5.Lists.Mixed), threads: 2);
        Assert.Empty(report.Sections.OfType<DamagedImagePreviewsSection>());
    }

    private static (DatasetReport Report, string Json) Scan(string path, int threads)
    {
        using var reader = DatasetFormats.CreateRegistry().Resolve(path, FormatRegistry.Auto).OpenReader(path, ReaderOptions.Default);
        var report = ScrubPipeline.Run(reader, new ScrubOptions { Checks = StandardChecks.Default, Threads = threads, BatchMaxSamples = 3 });
        return (report, JsonReportWriter.ToJson(new ScanReport("test", 0, [report])));
    }

    private static bool RowIsBlank(Image<Rgb24> image, int y)
    {
        for (var x = 0; x < image.Width; x++)
            if (image[x, y] != new Rgb24(DamagedImageThumbnail.Blank, DamagedImageThumbnail.Blank, DamagedImageThumbnail.Blank)) return false;
        return true;
    }
}
