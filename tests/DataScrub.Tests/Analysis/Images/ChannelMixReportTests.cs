using DataScrub.Analysis;
using DataScrub.Formats.Caffe;
using DataScrub.Tests.Shared;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace DataScrub.Tests.Analysis.Images;

/// <summary>mixed-channels: grayscale and colour images in one dataset, counted over usable images only.</summary>
public class ChannelMixReportTests
{
    private static byte[] Png<TPixel>(int seed) where TPixel : unmanaged, IPixel<TPixel>
    {
        using var image = new Image<TPixel>(6, 5);
        var random = new Random(seed);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
                foreach (ref var p in rows.GetRowSpan(y)) p.FromRgba32(new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        });
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    private static byte[] Datum(byte[] image) => CaffeDatumCodec.Serialize(CaffeDatumCodec.Encoded(image, 0));

    [Fact]
    public void GrayscaleAmongColour_OneDatasetFinding_CountingTheGrayscaleImages()
    {
        var truncatedColour = Png<Rgb24>(9)[..40];
        var records = PipelineReport.Keyed([
            Datum(Png<Rgb24>(1)), Datum(Png<L8>(2)), Datum(Png<Rgb24>(3)), Datum(truncatedColour), Datum(Png<L8>(4)), Datum(Png<Rgba32>(5)),
        ]);

        var dataset = PipelineReport.Scan(records, new AnalysisOptions { BatchSizes = [2] });

        var mixed = Assert.Single(PipelineReport.Findings(dataset, "mixed-channels"));
        Assert.Equal(2, mixed.GetProperty("count").GetInt64());
        Assert.StartsWith("2 grayscale and 3 colour images (first grayscale at sample 1, first colour at 0)", mixed.GetProperty("message").GetString());
        Assert.Single(PipelineReport.Findings(dataset, "truncated-image"));
    }

    [Fact]
    public void OneModeOnly_NoFinding()
    {
        var records = PipelineReport.Keyed([Datum(Png<Rgb24>(1)), Datum(Png<Rgba32>(2)), Datum(Png<Rgb24>(3))]);

        Assert.Empty(PipelineReport.Findings(PipelineReport.Scan(records, new AnalysisOptions { BatchSizes = [2] }), "mixed-channels"));
    }
}
