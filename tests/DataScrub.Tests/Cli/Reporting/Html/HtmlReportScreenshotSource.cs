using DataScrub.Cli.Reporting.Html;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli.Reporting.Html;

/// <summary>
/// The page docs/html-report.png shows (scripts/html-screenshot.sh): the image-tree fixture's report, with the
/// <c>profile</c> and <c>previews</c> sections built by hand (<see cref="HtmlTestReports.WithProfileAndPreviews"/>)
/// until the analyses that produce them are merged; then the script takes the CLI's own <c>--html</c> page instead.
/// Written to <see cref="Variable"/> when it is set; otherwise this only proves the page renders.
/// </summary>
public sealed class HtmlReportScreenshotSource
{
    public const string Variable = "DATASCRUB_HTML_SCREENSHOT_SOURCE";

    [Fact]
    public void ImageTreeReport_WithEverySection_RendersForTheScreenshot()
    {
        var report = HtmlTestReports.WithProfileAndPreviews(HtmlTestReports.Scan(Fixtures.Images.Tree));
        // The path as a user in the repository would type it, not this machine's.
        report = report with { Datasets = [report.Datasets[0] with { Path = "fixtures/" + Fixtures.Images.Tree }] };

        var html = HtmlReportWriter.ToHtml(report);


        Assert.Contains("<h3>Damaged images: what the decoder returned</h3>", html);
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } target) File.WriteAllText(target, html);
    }
}
