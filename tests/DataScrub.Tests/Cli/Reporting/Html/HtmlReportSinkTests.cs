using System.Text;
using DataScrub.Cli;
using DataScrub.Cli.Reporting;
using DataScrub.Cli.Reporting.Html;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli.Reporting.Html;

public sealed class HtmlReportSinkTests
{
    private static CliStreams Streams(MemoryStream stdout) => new(new StringWriter(), stdout, new StringWriter(), ErrorIsTerminal: false, CancellationToken.None);

    [Fact]
    public void Write_File_WritesThePageAndLeavesNoTemporary()
    {
        using var temp = new TempDirectory();
        var report = HtmlTestReports.Scan(Fixtures.Lmdb.Bad.Mixed);
        var target = temp.Combine("report.html");
        File.WriteAllText(target, "an older report");

        new HtmlReportSink(Streams(new MemoryStream()), target).Write(report);

        Assert.Equal(HtmlReportWriter.ToHtml(report), File.ReadAllText(target, Encoding.UTF8));
        Assert.Equal(["report.html"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_Dash_WritesToStandardOutput()
    {
        var report = HtmlTestReports.Scan(Fixtures.Lmdb.Good.Clean);
        var stdout = new MemoryStream();

        new HtmlReportSink(Streams(stdout), "-").Write(report);

        Assert.Equal(HtmlReportWriter.ToHtml(report), Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Fact]
    public void Write_UnwritableTarget_ThrowsReportWriteExceptionNamingThePath()
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("no-such-folder", "report.html");
        var report = HtmlTestReports.Scan(Fixtures.Lmdb.Good.Clean);

        var e = Assert.Throws<ReportWriteException>(() => new HtmlReportSink(Streams(new MemoryStream()), target).Write(report));

        Assert.StartsWith($"cannot write the HTML report to {target}: ", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}
