using System.Diagnostics;
using System.Text.Json;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli;

/// <summary>
/// <c>--sample-timeout</c> on the real binary: ImageSharp 2.1.13 loops forever on PngSuite's 1x1 to 4x4 interlaced
/// palette PNGs. Without the system's libpng (DATASCRUB_LIBPNG=none) they are ImageSharp's to decode; each becomes a
/// <c>decode-timeout</c> warning, the other images are still judged, and the scan ends. A child process, because the
/// abandoned decodes spin until the process exits.
/// </summary>
public class SampleTimeoutTests
{
    [Fact]
    public void Scan_ImageSharpHangsOnTinyInterlacedPalettePngs_EachTimesOutAndTheScanFinishes()
    {
        using var folder = new TempDirectory();
        foreach (var name in new[] { "s01i3p01.png", "s02i3p01.png", "basn0g01.png" })
            File.Copy(Fixtures.Path($"images/public/pngsuite/{name}"), Path.Combine(folder.Path, name));
        File.Copy(Fixtures.Path(Fixtures.Images.Good.Bird000Jpeg), Path.Combine(folder.Path, "photo.jpg"));
        var clock = Stopwatch.StartNew();
        var run = CliRun.Process(new Dictionary<string, string> { ["DATASCRUB_LIBPNG"] = "none" },
            "scan", folder.Path, "--sample-timeout", "1", "-j", "1", "--json", "-", "--quiet");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var report = JsonDocument.Parse(run.Out);
        var findings = report.RootElement.GetProperty("datasets")[0].GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("sample").ValueKind == JsonValueKind.String)
            .Select(f => $"{f.GetProperty("kind").GetString()} {f.GetProperty("sample").GetString()}").Order().ToArray();
        // The valid greyscale PNG and the JPEG are judged (clean) after the two abandoned decodes.
        Assert.Equal(["decode-timeout s01i3p01.png", "decode-timeout s02i3p01.png"], findings);
    }

    [Fact]
    public void Scan_SampleTimeoutNegative_UsageError()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Images.Flat), "--sample-timeout", "-1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--sample-timeout", run.Error);
    }
}
