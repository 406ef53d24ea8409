using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataScrub.Analysis;
using DataScrub.Analysis.Masks;
using DataScrub.Cli.Reporting.Html;
using DataScrub.Findings;
using DataScrub.Rebuild;
using DataScrub.Reporting;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli.Reporting.Html;

/// <summary>The HTML report of real scans, read as text: the numbers and names it must show, the filters it must
/// offer, what it must never let through from the data, and how large it may grow.</summary>
public sealed class HtmlReportWriterTests
{
    private static int CountOf(string html, string pattern) => Regex.Matches(html, pattern).Count;

    /// <summary>The findings table's rows of one kind (the counts table's rows have no severity).</summary>
    private static int RowsOf(string html, string kind) => CountOf(html, $"<tr data-kind=\"{Regex.Escape(kind)}\" data-severity=\"");

    [Fact]
    public void ToHtml_MixedLmdb_ShowsEveryKindsCountRowsAndFilter()
    {
        var report = HtmlTestReports.Scan(Fixtures.Lmdb.Bad.Mixed);
        var d = report.Datasets[0];

        var html = HtmlReportWriter.ToHtml(report);

        Assert.Contains("<dt>samples</dt><dd>40 (all the store holds)</dd>", html);
        Assert.Contains(" exit code <strong id=\"exit-code\">1</strong>: findings at or above the --fail-on level", html);
        Assert.Contains("<dt>errors</dt><dd class=\"sev-error\">9</dd></div><div><dt>warnings</dt><dd class=\"sev-warning\">1</dd>", html);
        var kinds = d.Counts.Where(c => c.Value > 0).ToList();
        Assert.Equal(["nan", "inf", "shape-mismatch", "unreadable-record", "fp16-overflow"], kinds.Select(k => k.Key.Name));
        foreach (var (kind, count) in kinds)
        {
            Assert.Equal(count, RowsOf(html, kind.Name));
            Assert.Contains($"<input type=\"checkbox\" data-filter=\"kind\" value=\"{kind.Name}\" checked> {kind.Name} ({count})</label>", html);
            Assert.Contains($"<a href=\"#kind={kind.Name}\"><code>{kind.Name}</code></a>", html);
        }
        Assert.Contains("<input type=\"checkbox\" data-filter=\"severity\" value=\"error\" checked> error (9)", html);
        Assert.Contains("<input type=\"checkbox\" data-filter=\"severity\" value=\"warning\" checked> warning (1)", html);
        Assert.Contains("data-rows=\"10\" data-visible-rows=\"10\"", html);
        foreach (var f in d.Findings) Assert.Contains($"<td class=\"key\">{f.Sample}</td>", html);
        Assert.Contains("float_data[5]", html);
        // Four classes: one named bar each, no column chart.
        var labels = html[html.IndexOf("Labels and classes", StringComparison.Ordinal)..html.IndexOf("Where the problems are", StringComparison.Ordinal)];
        Assert.Equal(4, CountOf(labels, "<text class=\"label\" x=\"154\""));
        Assert.Contains(">14 (35.9 %)</text>", html);
        Assert.DoesNotContain("chart columns", labels);
    }

    [Fact]
    public void ToHtml_ImageTree_NamesTheClassesAndShowsTheDatasetFindings()
    {
        var report = HtmlTestReports.Scan(Fixtures.Images.Tree);

        var html = HtmlReportWriter.ToHtml(report);

        Assert.Contains("<dt>classes (K)</dt><dd>3, from the class folders</dd>", html);
        foreach (var name in new[] { "0 bird", "1 cat", "2 dog" })
            Assert.Contains($">{name}</text>", html);
        Assert.Equal(7, RowsOf(html, "truncated-image"));
        Assert.Equal(1, RowsOf(html, "mixed-channels"));
        Assert.Contains("<td class=\"key\">(dataset)</td>", html);
        Assert.Contains("<td class=\"key\">cat/cut50.jpg</td>", html);
        Assert.Contains("<h4>Batches</h4>", html);
    }

    [Fact]
    public void ToHtml_Hdf5WithNaN_ShowsItsFindingsAndChannelStatistics()
    {
        var report = HtmlTestReports.Scan(Fixtures.Hdf5.Bad.ContiguousF32);
        var d = report.Datasets[0];

        var html = HtmlReportWriter.ToHtml(report);

        Assert.Equal(d.CountOf(FindingKinds.Nan), RowsOf(html, "nan"));
        Assert.Equal(d.CountOf(FindingKinds.Inf), RowsOf(html, "inf"));
        Assert.Equal(3, RowsOf(html, "nan"));
        Assert.Contains("<td class=\"key\">contiguous_f32.h5#3</td>", html);
        Assert.Contains("<h3>Channel statistics</h3>", html);
        var statistics = Regex.Match(html, "<table class=\"statistics\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(d.Statistics.Count, CountOf(statistics, "<tr><td class=\"num\">"));
    }

    [Fact]
    public void ToHtml_HostileKeysAndClassNames_AreTextNeverMarkup()
    {
        string[] keys =
        [
            "</script><script>document.body.setAttribute('data-pwned','1')</script>",
            "\"><img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">",
            "' onmouseover='alert(3)' x='",
            "<!-- comment --><style>body{display:none}</style>",
            "bell\u0007and\u001bescape",
            "&amp; &lt; already encoded",
        ];
        var records = keys.Select((k, i) => (k, PipelineReport.Raw(i, i % 2))).ToList();
        // NaN data in each, so every key is listed in the findings table.
        records = [.. records.Select((r, i) => (r.k, DataScrub.Formats.Caffe.CaffeDatumCodec.Serialize(DataScrub.Formats.Caffe.CaffeDatumCodec.Float(1, 1, 2, [float.NaN, 1f], i % 2))))];
        var report = HtmlTestReports.ScanRecords(records);
        var names = new Dictionary<string, long> { ["<svg onload=alert(4)>"] = 0, ["x\" onmouseover=\"alert(5)"] = 1 };
        var labels = report.Datasets[0].Section<DataScrub.Analysis.Labels.LabelsSection>()! with { ClassNames = names };
        report = report with { Datasets = [report.Datasets[0] with { Path = "</title><script>alert(6)</script>", Sections = [.. report.Datasets[0].Sections.Select(s => s is DataScrub.Analysis.Labels.LabelsSection ? labels : s)] }] };

        var html = HtmlReportWriter.ToHtml(report);

        Assert.Equal(keys.Length, RowsOf(html, "nan"));
        Assert.Equal(1, CountOf(html, "<script"));
        Assert.Equal(1, CountOf(html, "</script>"));
        Assert.Equal(1, CountOf(html, "<style"));
        Assert.Equal(1, CountOf(html, "<title>[^<]*</title>\n<style>"));
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<svg onload", html);
        Assert.DoesNotContain("<!-- comment", html);
        // No tag of the page has an event handler: the payloads' handlers are all inside encoded text.
        Assert.DoesNotMatch("<[^>]*\\son[a-z]+\\s*=", html);
        Assert.Contains("&lt;/script&gt;&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;1&#39;)&lt;/script&gt;", html);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=&quot;document.body", html);
        Assert.Contains("bell\\x07and\\x1bescape", html);
        Assert.Contains("&amp;amp; &amp;lt; already encoded", html);
        Assert.Contains("0 &lt;svg onload=alert(4)&gt;", html);
        Assert.Contains("1 x&quot; onmouseover=&quot;alert(5)", html);
        Assert.Contains("<title>DataScrub: &lt;/title&gt;&lt;script&gt;alert(6)&lt;/script&gt;</title>", html);
    }

    [Fact]
    public void ToHtml_ContentSecurityPolicy_LoadsNothingAndRunsOnlyThePagesScript()
    {
        var html = HtmlReportWriter.ToHtml(HtmlTestReports.WithProfileAndPreviews(HtmlTestReports.Scan(Fixtures.Images.Tree)));

        var script = Regex.Match(html, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        Assert.Contains($"content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{hash}'\"", html);
        Assert.DoesNotMatch("(?i)(src|href)=\"(https?:|//|file:)", html);
        Assert.DoesNotMatch("(?i)@import|url\\(", html);
        Assert.All(Regex.Matches(html, "\\ssrc=\"([^\"]*)\"").Select(m => m.Groups[1].Value), src => Assert.StartsWith("data:image/png;base64,", src));
        Assert.All(Regex.Matches(html, "\\shref=\"([^\"]*)\"").Select(m => m.Groups[1].Value), href => Assert.StartsWith("#", href));
    }

    [Fact]
    public void ToHtml_ProfileAndPreviews_AreDrawnWhenPresent()
    {
        var report = HtmlTestReports.WithProfileAndPreviews(HtmlTestReports.Scan(Fixtures.Images.Tree));
        var previews = report.Datasets[0].Section<DataScrub.Analysis.Previews.DamagedImagePreviewsSection>()!.Previews;

        var html = HtmlReportWriter.ToHtml(report);

        Assert.Equal(6, previews.Count);
        Assert.Equal(previews.Count, CountOf(html, "<img src=\"data:image/png;base64,[A-Za-z0-9+/=]+\" alt=\"decoded part of "));
        foreach (var p in previews) Assert.Contains($"<span class=\"key\">{p.Sample}</span>", html);
        foreach (var heading in new[] { "NaN and Inf per channel", "NaN and Inf per class", "Findings along storage order", "Findings per file", "Classes per batch of 4, read in storage order" })
            Assert.Contains($"<h4>{heading}</h4>", html);
        Assert.Contains(">cat/</text>", html);
        Assert.Contains("<path class=\"line s-min\" d=\"M", html);
        Assert.Contains("class=\"reference\"", html);
        Assert.Contains("keys key-00000 … key-00002", html);
    }

    [Fact]
    public void ToHtml_RealScanOfTheImageTree_DrawsItsOwnProfileAndThumbnails()
    {
        var report = HtmlTestReports.Scan(Fixtures.Images.Tree);
        var previews = report.Datasets[0].Section<DataScrub.Analysis.Previews.DamagedImagePreviewsSection>()!.Previews;

        var html = HtmlReportWriter.ToHtml(report);

        Assert.NotEmpty(previews);
        Assert.Equal(previews.Count, CountOf(html, "<img src=\"data:image/png;base64,[A-Za-z0-9+/=]+\" alt=\"decoded part of "));
        foreach (var heading in new[] { "Findings along storage order", "Findings per file" })
            Assert.Contains($"<h4>{heading}</h4>", html);
    }

    [Fact]
    public void ToHtml_WithoutOptionalSections_StillRenders()
    {
        var scanned = HtmlTestReports.Scan(Fixtures.Lmdb.Good.Clean).Datasets[0];
        scanned = scanned with { Sections = [.. scanned.Sections.Where(s => s is not DataScrub.Analysis.Profile.ProfileSection)] };
        var bare = new DatasetReport { Path = "bare", Format = "lmdb", Samples = 3 };
        var report = new ScanReport("datascrub test", 3, [scanned, bare, DatasetReport.NotScanned("missing/path", "no such file or directory")]);

        var html = HtmlReportWriter.ToHtml(report);

        Assert.Contains("exit code <strong id=\"exit-code\">3</strong>: a dataset could not be read at all", html);
        Assert.Contains("The settings the findings rest on were not recorded", html);
        Assert.Contains("<p class=\"sev-error\">Not scanned: no such file or directory</p>", html);
        Assert.Equal(3, CountOf(html, "<section class=\"dataset\" id=\"dataset-\\d\">"));
        Assert.Contains("<a href=\"#dataset-3\">missing/path</a>", html);
        Assert.Contains("<p>No findings.</p>", html);
        Assert.DoesNotContain("<div class=\"findings-panel\">", html);
        Assert.DoesNotContain("Where the problems are", html);
        Assert.DoesNotContain("Damaged images", html);
        Assert.EndsWith("</body></html>\n", html);
    }

    [Fact]
    public void ToHtml_ThousandNamedClasses_StaysBoundedAndMarksTheAbsentOnes()
    {
        using var temp = new TempDirectory();
        var png = PngBytes.Gray(4, 4);
        var absent = new HashSet<int> { 17, 500, 998 };
        for (var c = 0; c < 1000; c++)
        {
            var folder = Directory.CreateDirectory(temp.Combine($"n{c:D8}_class")).FullName;
            if (absent.Contains(c)) continue;
            for (var i = 0; i < 1 + c % 3; i++) File.WriteAllBytes(Path.Combine(folder, $"{i}.png"), png);
        }

        var report = HtmlTestReports.ScanPath(temp.Path);
        var html = HtmlReportWriter.ToHtml(report);

        Assert.Equal(1000, report.Datasets[0].ClassBalance!.NumClasses);
        Assert.True(html.Length < 1_000_000, $"{html.Length:N0} characters");
        var charts = Regex.Matches(html, "<svg class=\"chart columns\".*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        Assert.Equal(2, charts.Count);
        foreach (var chart in charts)
        {
            Assert.Equal(1000, CountOf(chart, "<g class=\"bar\">"));
            Assert.Equal(3, CountOf(chart, "class=\"s-absent\""));
        }
        Assert.Contains("<title>class 17 n00000017_class: absent (no sample)</title>", charts[0]);
        Assert.Contains("<title>class 2 n00000002_class: 3 samples (", charts[0]);
        Assert.Contains("3 absent classes (no sample):</p><p class=\"absent\">17 n00000017_class, 500 n00000500_class, 998 n00000998_class</p>", html);
        Assert.Contains("<caption class=\"note\">The 10 largest classes</caption>", html);
    }

    [Fact]
    public void ToHtml_TwentyThousandClasses_MergesRunsOfClassesIntoAThousandColumns()
    {
        var records = Enumerable.Range(0, 3000).Select(i => ($"{i:D8}", PipelineReport.Raw(i, (int)((i * 7919L) % 19_000)))).ToList();
        var report = HtmlTestReports.ScanRecords(records, new AnalysisOptions { NumClasses = 20_000, Duplicates = false });

        var html = HtmlReportWriter.ToHtml(report);

        var charts = Regex.Matches(html, "<svg class=\"chart columns\".*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        Assert.Equal(2, charts.Count);
        Assert.All(charts, chart => Assert.Equal(1000, CountOf(chart, "<g class=\"bar\">")));
        Assert.Contains("<title>classes 0 – 19: ", charts[0]);
        Assert.Contains("<title>ranks 1–20 from ", charts[1]);
        Assert.True(html.Length < 1_000_000, $"{html.Length:N0} characters");
    }

    [Fact]
    public void ToHtml_ManyFindings_ListsAtMostThePagesCaps()
    {
        var report = HtmlTestReports.Scan(Fixtures.Lmdb.Bad.Mixed);
        var findings = FindingKinds.All.SelectMany(kind => Enumerable.Range(0, 1000).Select(i => new Finding(kind, i, $"key{i}", null, null, null, "planted"))).ToList();
        var counts = FindingKinds.All.Select(k => KeyValuePair.Create(k, 1000L)).ToList();
        var severities = FindingKinds.All.Select(k => new FindingCount(k, k.Severity, 1000)).ToList();
        var d = report.Datasets[0] with { Findings = findings, Counts = counts, SeverityCounts = severities };

        var html = HtmlReportWriter.ToHtml(report with { Datasets = [d] });

        Assert.Equal(FindingsTableHtml.MaxRows, CountOf(html, "<tr data-kind=\"[a-z0-9-]+\" data-severity=\""));
        Assert.Equal(FindingsTableHtml.MaxRowsPerKind, RowsOf(html, "nan"));
        Assert.Equal(FindingKinds.All.Count, CountOf(html, "data-filter=\"kind\""));
        var unlisted = FindingKinds.All.Count * 1000 - FindingsTableHtml.MaxRows;
        Assert.Contains($"{unlisted:N0} more findings are counted above but not listed here", html);
        Assert.True(html.Length < 2_000_000, $"{html.Length:N0} characters");
    }

    [Fact]
    public void ToHtml_MasksRebuildAndUnknownSections_AreShown()
    {
        var report = HtmlTestReports.Scan(Fixtures.Hdf5.Labels.Masks);
        var d = report.Datasets[0];
        Assert.NotNull(d.Masks);
        var rebuild = new RebuildSummary("/data/clean<1>", DryRun: false, Source: 40, Dropped: 2, Written: 38, Verified: true, ["nan"], ["a note & more"], [])
        {
            DroppedSamples = [new DroppedSample(3, "key<3>", ["nan"]), new DroppedSample(9, "key9", ["nan", "inf"])],
            Seconds = [KeyValuePair.Create("scan", 0.5), KeyValuePair.Create("write", 0.25)],
        };
        d = d.WithSection(rebuild).WithSection(new PluginSection());

        var html = HtmlReportWriter.ToHtml(report with { Datasets = [d] });

        Assert.Contains($"<h3>Segmentation masks</h3>\n<p>{d.Masks!.Empty} of {d.Masks.Masks} masks are empty", html);
        Assert.Contains("<dt>destination</dt><dd>/data/clean&lt;1&gt;</dd>", html);
        Assert.Contains("<tr><td class=\"num\">3</td><td class=\"key\">key&lt;3&gt;</td><td>nan</td></tr>", html);
        Assert.Contains("<p class=\"note\">a note &amp; more</p>", html);
        Assert.Contains("<dt>seconds</dt><dd>scan 0.50, write 0.25</dd>", html);
        Assert.Contains("<summary>plugin (as in the JSON report)</summary><pre>{\n  &quot;plugin&quot;: {\n    &quot;text&quot;: &quot;&lt;/pre&gt;&lt;script&gt;", html);
    }

    [Fact]
    public void Write_Stream_IsUtf8WithoutByteOrderMark()
    {
        var report = HtmlTestReports.Scan(Fixtures.Lmdb.Good.Clean);
        using var stream = new MemoryStream();

        HtmlReportWriter.Write(report, stream);

        var bytes = stream.ToArray();
        Assert.Equal("<!DOCTYPE html>"u8.ToArray(), bytes[..15]);
        Assert.Equal(HtmlReportWriter.ToHtml(report), Encoding.UTF8.GetString(bytes));
    }

    private sealed record PluginSection : IReportSection
    {
        public string Name => "plugin";

        public int Order => 900;

        public void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject(Name);
            json.WriteString("text", "</pre><script>alert(1)</script>");
            json.WriteEndObject();
        }

        public void WriteConsole(TextWriter output)
        {
        }
    }
}
