using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Tests.Shared;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace DataScrub.Tests.Analysis;

/// <summary>Image datasets get per-channel statistics from the decoded pixels, and blank images are
/// <c>constant-sample</c>: checked on lossless PNGs whose every pixel value is known.</summary>
public class ImageStatisticsTests
{
    [Fact]
    public void Scan_PngFolder_ChannelStatisticsAreThoseOfThePixels_AndABlankImageIsConstant()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("images");
        Directory.CreateDirectory(folder);
        var pixels = new List<Rgb24>();
        for (var n = 0; n < 3; n++)
        {
            using var image = new Image<Rgb24>(5, 4);
            for (var y = 0; y < 4; y++)
                for (var x = 0; x < 5; x++)
                {
                    var p = new Rgb24((byte)(n * 40 + x * 7 + y), (byte)(200 - x * y), (byte)(n == 2 ? 9 : x + 3 * y));
                    image[x, y] = p;
                    pixels.Add(p);
                }
            image.SaveAsPng(Path.Combine(folder, $"img{n}.png"));
        }
        using (var blank = new Image<Rgb24>(6, 6, new Rgb24(17, 17, 17)))
            blank.SaveAsPng(Path.Combine(folder, "blank.png"));
        pixels.AddRange(Enumerable.Repeat(new Rgb24(17, 17, 17), 36));

        var run = CliRun.InProcess("scan", folder, "--json", "-", "--quiet", "--fail-on", "never");

        using var doc = JsonDocument.Parse(run.Out);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        var channels = dataset.GetProperty("statistics").GetProperty("channels").EnumerateArray().ToList();
        Assert.Equal(3, channels.Count);
        Func<Rgb24, double>[] value = [p => p.R, p => p.G, p => p.B];
        for (var c = 0; c < 3; c++)
        {
            var values = pixels.Select(value[c]).ToList();
            var mean = values.Average();
            Assert.Equal(values.Count, channels[c].GetProperty("count").GetInt64());
            Assert.Equal(mean, channels[c].GetProperty("mean").GetDouble(), 9);
            Assert.Equal(Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count), channels[c].GetProperty("std").GetDouble(), 9);
            Assert.Equal(values.Min(), channels[c].GetProperty("min").GetDouble());
            Assert.Equal(values.Max(), channels[c].GetProperty("max").GetDouble());
        }
        var constant = Assert.Single(dataset.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "constant-sample");
        Assert.Equal("blank.png", constant.GetProperty("sample").GetString());
    }
}
