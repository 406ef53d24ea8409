using System.Diagnostics;
using System.Text.RegularExpressions;
using DataScrub.Cli.Reporting.Html;
using DataScrub.Formats.Caffe;
using DataScrub.Tests.Shared;
using Xunit.Abstractions;

namespace DataScrub.Tests.Cli.Reporting.Html;

/// <summary>
/// The HTML report in a real browser (headless chromium): the page loads without a console message (a script error
/// or a Content-Security-Policy refusal would be one), its script runs and filters the findings as a URL hash asks,
/// the thumbnails decode, and nothing from a hostile key or class name runs. The page writes what its script did
/// into the DOM, which <c>--dump-dom</c> returns.
/// </summary>
public sealed class HtmlReportChromiumTests(ITestOutputHelper output)
{
    private static string WritePage(TempDirectory temp, DataScrub.Reporting.ScanReport report)
    {
        var file = temp.Combine("report.html");
        File.WriteAllText(file, HtmlReportWriter.ToHtml(report));
        return file;
    }

    private (string Dom, IReadOnlyList<string> Console) Load(string file, string hash = "")
    {
        var clock = Stopwatch.StartNew();
        var result = HeadlessChromium.DumpDom(file, hash);
        output.WriteLine($"chromium --dump-dom {Path.GetFileName(file)}{hash}: {clock.Elapsed.TotalSeconds:0.0} s");
        return result;
    }

    private static void AssertScriptRanCleanly(string dom, IReadOnlyList<string> console)
    {
        Assert.Empty(console);
        Assert.Equal("1", HeadlessChromium.BodyAttribute(dom, "data-script-ready"));
        Assert.Null(HeadlessChromium.BodyAttribute(dom, "data-script-errors"));
    }

    [ChromiumTheory]
    [InlineData("", 10)]
    [InlineData("#kind=nan", 3)]
    [InlineData("#kind=nan,inf&severity=error", 5)]
    [InlineData("#severity=warning&q=00000014", 1)]
    public void Page_MixedLmdb_FiltersTheFindingsAsTheHashAsks(string hash, int visible)
    {
        using var temp = new TempDirectory();
        var file = WritePage(temp, HtmlTestReports.Scan(Fixtures.Lmdb.Bad.Mixed));

        var (dom, console) = Load(file, hash);

        AssertScriptRanCleanly(dom, console);
        Assert.Equal("1", HeadlessChromium.BodyAttribute(dom, "data-filter-panels"));
        Assert.Contains($"data-rows=\"10\" data-visible-rows=\"{visible}\"", dom);
        Assert.Contains($"{visible} of 10 listed findings shown", dom);
        Assert.Equal(10 - visible, Regex.Matches(dom, "<tr data-kind=\"[a-z0-9-]+\" data-severity=\"[a-z]+\" hidden=\"\">").Count);
    }

    [ChromiumFact]
    public void Page_ImageTreeWithEverySection_LoadsItsThumbnailsAndCharts()
    {
        using var temp = new TempDirectory();
        var report = HtmlTestReports.WithProfileAndPreviews(HtmlTestReports.Scan(Fixtures.Images.Tree));
        var file = WritePage(temp, report);

        var (dom, console) = Load(file);

        AssertScriptRanCleanly(dom, console);
        Assert.Equal("6", HeadlessChromium.BodyAttribute(dom, "data-images-decoded"));
        Assert.Equal("0", HeadlessChromium.BodyAttribute(dom, "data-images-broken"));
        Assert.Contains("18 of 18 listed findings shown", dom);
        Assert.Equal(6, Regex.Matches(dom, "<svg class=\"chart ").Count);
    }

    [ChromiumFact]
    public void Page_HostileKeysAndClassNames_RunNothingAndShowAsText()
    {
        using var temp = new TempDirectory();
        string[] keys =
        [
            "</script><script>document.body.setAttribute('data-pwned','key1')</script>",
            "\"><img src=x onerror=\"document.body.setAttribute('data-pwned','key2')\">",
            "'><svg onload=\"document.body.setAttribute('data-pwned','key3')\">",
            "</td></tr></tbody></table><iframe srcdoc=\"<script>parent.document.body.setAttribute('data-pwned','key4')</script>\"></iframe>",
        ];
        var records = keys.Select((k, i) => (k, CaffeDatumCodec.Serialize(CaffeDatumCodec.Float(1, 1, 2, [float.NaN, 1f], i % 2)))).ToList();
        var report = HtmlTestReports.ScanRecords(records);
        var names = new Dictionary<string, long>
        {
            ["<img src=x onerror=\"document.body.setAttribute('data-pwned','class0')\">"] = 0,
            ["x\" onmouseover=\"document.body.setAttribute('data-pwned','class1')"] = 1,
        };
        var d = report.Datasets[0];
        var labels = d.Section<DataScrub.Analysis.Labels.LabelsSection>()! with { ClassNames = names };
        d = d with { Path = "</title><script>document.body.setAttribute('data-pwned','path')</script>", Sections = [.. d.Sections.Select(s => s is DataScrub.Analysis.Labels.LabelsSection ? labels : s)] };
        var file = WritePage(temp, report with { Datasets = [d] });

        var (dom, console) = Load(file);

        AssertScriptRanCleanly(dom, console);
        Assert.DoesNotContain("data-pwned", Regex.Match(dom, "<body[^>]*>").Value);
        Assert.Single(Regex.Matches(dom, "<script"));
        Assert.DoesNotContain("<iframe", dom);
        Assert.DoesNotContain("<img", dom);
        var rows = Regex.Match(dom, "data-rows=\"(\\d+)\" data-visible-rows=\"(\\d+)\"");
        Assert.True(int.Parse(rows.Groups[1].Value) >= keys.Length, rows.Value);
        Assert.Equal(rows.Groups[1].Value, rows.Groups[2].Value);
        Assert.Contains("&lt;/script&gt;&lt;script&gt;document.body.setAttribute('data-pwned','key1')&lt;/script&gt;", dom);
        Assert.Contains("0 &lt;img src=x onerror=\"document.body.setAttribute('data-pwned','class0')\"&gt;", dom);
    }

    [ChromiumFact]
    public void Page_ThousandClasses_LoadsWithoutErrors()
    {
        using var temp = new TempDirectory();
        var records = Enumerable.Range(0, 3000).Select(i => ($"{i:D8}", PipelineReport.Raw(i, (int)((i * 7919L) % 1000)))).ToList();
        var file = WritePage(temp, HtmlTestReports.ScanRecords(records, new DataScrub.Analysis.AnalysisOptions { NumClasses = 1000 }));

        var (dom, console) = Load(file);

        AssertScriptRanCleanly(dom, console);
        Assert.Equal(2000, Regex.Matches(dom, "<g class=\"bar\">").Count);
    }
}
