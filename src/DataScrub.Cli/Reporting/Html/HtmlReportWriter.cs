using System.Security.Cryptography;
using System.Text;
using DataScrub.Analysis.Labels;
using DataScrub.Analysis.Masks;
using DataScrub.Analysis.Previews;
using DataScrub.Analysis.Profile;
using DataScrub.Analysis.Statistics;
using DataScrub.Rebuild;
using DataScrub.Reporting;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>
/// Writes the report as one self-contained HTML page: style, script, charts (inline SVG) and thumbnails (data: URLs)
/// are all inside it, so it opens offline and can be mailed or attached to a CI run. Its Content-Security-Policy
/// forbids loading anything and runs only the page's own script (by its hash), so even markup that slipped into the
/// page could neither fetch nor execute anything. Every text from the data is encoded (<see cref="HtmlBuilder"/>), and
/// every list and chart is bounded, so the page's size does not grow with the dataset.
/// </summary>
public static class HtmlReportWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(ScanReport report, Stream output)
    {
        output.Write(Utf8.GetBytes(ToHtml(report)));
        output.Flush();
    }

    public static string ToHtml(ScanReport report)
    {
        var html = new HtmlBuilder();
        var title = report.Datasets.Count == 1 ? $"DataScrub: {report.Datasets[0].Path}" : $"DataScrub: {report.Datasets.Count} datasets";
        html.Append($"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        html.Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{ScriptHash}'\">\n");
        html.Append($"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"generator\" content=\"{report.Tool}\">\n<title>{title}</title>\n");
        html.Raw(new HtmlMarkup("<style>\n" + HtmlPageStyle.Css + "\n</style>\n"));
        html.Append($"</head>\n<body>\n");
        RunSummaryHtml.Write(html, report);
        html.Append($"<main>\n");
        for (var i = 0; i < report.Datasets.Count; i++)
        {
            html.Append($"<section class=\"dataset\" id=\"{RunSummaryHtml.DatasetAnchor(i)}\">\n");
            WriteDataset(html, report.Datasets[i]);
            html.Append($"</section>\n");
        }
        html.Append($"</main>\n");
        html.Raw(new HtmlMarkup("<script>" + HtmlPageScript.JavaScript + "</script>\n"));
        html.Append($"</body></html>\n");
        return html.ToString();
    }

    /// <summary>Where a section goes on the page (the JSON report's order is a contract; the page's is for reading): what a
    /// rebuild did first, then the pictures (the damaged images beside the findings they illustrate), then the tables of
    /// numbers.</summary>
    private static int PageOrder(IReportSection section) => section switch
    {
        RebuildSummary => 0,
        LabelsSection => 1,
        DamagedImagePreviewsSection => 2,
        ProfileSection => 3,
        MaskReport => 4,
        ChannelStatisticsSection => 5,
        _ => 6,
    };

    /// <summary>The CSP hash of the page's script: the one script the browser will run.</summary>
    public static string ScriptHash { get; } = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(HtmlPageScript.JavaScript)));

    private static void WriteDataset(HtmlBuilder html, DatasetReport d)
    {
        DatasetSummaryHtml.Write(html, d);
        if (d.Error is not null) return;
        var classes = new ClassLabels(d.ClassNames);
        FindingsTableHtml.Write(html, d, classes);
        foreach (var section in d.Sections.OrderBy(PageOrder))
        {
            switch (section)
            {
                case LabelsSection labels: LabelsHtml.Write(html, labels, classes); break;
                case MaskReport masks: MasksHtml.Write(html, masks); break;
                case RebuildSummary rebuild: RebuildHtml.Write(html, rebuild); break;
                case ChannelStatisticsSection statistics: StatisticsHtml.Write(html, statistics); break;
                case ProfileSection profile: ProfileHtml.Write(html, profile, classes); break;
                case DamagedImagePreviewsSection previews: PreviewsHtml.Write(html, previews); break;
                default: OtherSectionHtml.Write(html, section); break;
            }
        }
    }
}
