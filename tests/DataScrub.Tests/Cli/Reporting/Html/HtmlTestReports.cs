using DataScrub.Analysis;
using DataScrub.Analysis.Previews;
using DataScrub.Analysis.Profile;
using DataScrub.Findings;
using DataScrub.Formats;
using DataScrub.Images;
using DataScrub.Pipeline;
using DataScrub.Reporting;
using DataScrub.Tests.Shared;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace DataScrub.Tests.Cli.Reporting.Html;

/// <summary>Reports for the HTML tests: real scans of fixtures, in-process (the format detection and pipeline the
/// CLI runs), and the <c>profile</c> and <c>previews</c> sections built by hand from plausible values until their
/// analyses produce them.</summary>
public static class HtmlTestReports
{
    public static ScanReport Scan(string fixture, AnalysisOptions? analysis = null) => ScanPath(Fixtures.Path(fixture), analysis);

    public static ScanReport ScanPath(string path, AnalysisOptions? analysis = null)
    {
        analysis ??= AnalysisOptions.Default;
        var format = DatasetFormats.CreateRegistry().Resolve(path, FormatRegistry.Auto);
        using var reader = format.OpenReader(path, ReaderOptions.Default);
        var options = new ScrubOptions
        {
            Threads = 2,
            Checks = StandardChecks.Create(ImageInspectionOptions.Default, analysis.NumClasses, analysis.IgnoreLabel),
            Analysis = analysis,
        };
        var dataset = ScrubPipeline.Run(reader, options) with { Seconds = 0.25 };
        var exitCode = dataset.HasFindingAtOrAbove(Severity.Error) ? 1 : 0;
        return new ScanReport("datascrub test", exitCode, [dataset]) { Settings = ReportSettings.From(analysis, SeverityPolicy.Default) };
    }

    /// <summary>A scan over Datums held in memory (keys as given, any text).</summary>
    public static ScanReport ScanRecords(IReadOnlyList<(string Key, byte[] Value)> records, AnalysisOptions? analysis = null)
    {
        analysis ??= AnalysisOptions.Default;
        using var reader = new InMemoryReader(records);
        var options = new ScrubOptions
        {
            Threads = 2,
            Checks = StandardChecks.Create(ImageInspectionOptions.Default, analysis.NumClasses, analysis.IgnoreLabel),
            Analysis = analysis,
        };
        var dataset = ScrubPipeline.Run(reader, options);
        return new ScanReport("datascrub test", dataset.HasFindingAtOrAbove(Severity.Error) ? 1 : 0, [dataset]) { Settings = ReportSettings.From(analysis, SeverityPolicy.Default) };
    }

    /// <summary>The report with its one dataset's <c>profile</c> and <c>previews</c> sections added, derived from its own
    /// findings where the report holds the facts (ranges, files) and plausible values where it does not.</summary>
    public static ScanReport WithProfileAndPreviews(ScanReport report)
    {
        // In place of the scan's own profile and previews: these planted ones have values the tests know.
        var d = report.Datasets[0];
        d = d with { Sections = [.. d.Sections.Where(s => s is not ProfileSection and not DataScrub.Analysis.Previews.DamagedImagePreviewsSection)] };
        d = d.WithSection(PlausibleProfile(d)).WithSection(PlausiblePreviews(d));
        return report with { Datasets = [d] };
    }

    public static ProfileSection PlausibleProfile(DatasetReport d)
    {
        var sampleFindings = d.Findings.Where(f => f.SampleIndex is not null).ToList();
        var rangeSize = Math.Max(1, (d.Samples + 11) / 12);
        var ranges = new List<StorageRange>();
        for (var first = 0L; first < d.Samples; first += rangeSize)
        {
            var count = Math.Min(rangeSize, d.Samples - first);
            var inRange = sampleFindings.Where(f => f.SampleIndex >= first && f.SampleIndex < first + count).ToList();
            var errors = inRange.Where(f => f.Severity == Severity.Error).Select(f => f.SampleIndex).Distinct().Count();
            var warnings = inRange.Where(f => f.Severity == Severity.Warning).Select(f => f.SampleIndex).Distinct().Count();
            ranges.Add(new StorageRange(first, count, $"key-{first:D5}", $"key-{first + count - 1:D5}", errors, warnings));
        }
        var files = sampleFindings.GroupBy(f => f.Sample!.Contains('/') ? f.Sample[..f.Sample.IndexOf('/')] + "/" : "data")
            .Select(g => new FileFindings(g.Key, Math.Max(12, g.Count() * 2),
                g.Where(f => f.Severity == Severity.Error).Select(f => f.SampleIndex).Distinct().Count(),
                g.Where(f => f.Severity == Severity.Warning).Select(f => f.SampleIndex).Distinct().Count()))
            .ToList();
        var k = Math.Max(2, d.ClassBalance?.NumClasses ?? 3);
        var batches = Math.Max(8, d.Samples / 4);
        var coverage = new BatchCoverage(4, k,
            [.. Enumerable.Range(0, 8).Select(i => new BatchCoveragePoint(i * batches / 8, batches / 8, i is 3 or 4 ? 1 : (int)Math.Min(k, 2), i is 3 or 4 ? 1.4 : Math.Min(k, 2.6)))]);
        return new ProfileSection(
            [new ChannelNonFinite(0, 3, 4, 0), new ChannelNonFinite(1, 1, 1, 2), new ChannelNonFinite(2, 0, 0, 0)],
            [.. Enumerable.Range(0, (int)Math.Min(k, 40)).Select(c => new ClassNonFinite(c, 10 + c, c == 1 ? 3 : c % 3 == 0 ? 1 : 0))],
            ranges,
            files,
            [coverage]);
    }

    /// <summary>For each truncated image of the image tree, the picture its decoder would return: the top of its intact
    /// source over grey, as libjpeg and libpng leave the rows they never decoded.</summary>
    public static DamagedImagePreviewsSection PlausiblePreviews(DatasetReport d)
    {
        var sources = new Dictionary<string, (string Source, double Decoded)>
        {
            ["cat/cut50.jpg"] = ("cat/cat_000.jpg", 0.42),
            ["cat/cut60.jpg"] = ("cat/cat_000.jpg", 0.55),
            ["cat/no_eoi.jpg"] = ("cat/cat_000.jpg", 0.97),
            ["cat/progressive_cut50.jpg"] = ("cat/progressive.jpg", 0.3),
            ["dog/png_cut50.png"] = ("dog/dog_001.png", 0.5),
            ["dog/png_cut90.png"] = ("dog/dog_001.png", 0.9),
        };
        var previews = new List<DamagedImagePreview>();
        foreach (var f in d.Findings.Where(f => f.Sample is not null && sources.ContainsKey(f.Sample)))
        {
            var (source, decoded) = sources[f.Sample!];
            using var image = Image.Load<Rgb24>(Path.Combine(Fixtures.Path(Fixtures.Images.Tree), source));
            var rows = (int)(image.Height * decoded);
            for (var y = rows; y < image.Height; y++)
                for (var x = 0; x < image.Width; x++)
                    image[x, y] = new Rgb24(128, 128, 128);
            var (width, height) = (image.Width, image.Height);
            if (width > 128 || height > 128) image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(128, 128), Mode = ResizeMode.Max }));
            using var png = new MemoryStream();
            image.SaveAsPng(png);
            previews.Add(new DamagedImagePreview(f.SampleIndex!.Value, f.Sample!, f.Kind.Name, width, height, rows, png.ToArray()));
        }
        return new DamagedImagePreviewsSection(previews);
    }
}
