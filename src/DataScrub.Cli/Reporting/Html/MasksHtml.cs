using DataScrub.Analysis.Masks;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>The <c>masks</c> section: empty segmentation masks, and per batch size the probability that a shuffled
/// batch holds only empty ones (a DICE loss of 0/0 for the batch).</summary>
public static class MasksHtml
{
    public static void Write(HtmlBuilder html, MaskReport masks)
    {
        html.Append($"<h3>Segmentation masks</h3>\n<p>{masks.Empty:N0} of {masks.Masks:N0} masks are empty ({masks.EmptyFraction:P1}).</p>\n");
        if (masks.AllEmptyBatchProbability.Count == 0) return;
        html.Append($"<table class=\"masks\"><thead><tr><th class=\"num\">batch size</th><th class=\"num\">P(every mask of a shuffled batch is empty)</th></tr></thead><tbody>");
        foreach (var (batch, p) in masks.AllEmptyBatchProbability.OrderBy(b => b.Key))
            html.Append($"<tr><td class=\"num\">{batch:N0}</td><td class=\"num\">{p:G4}</td></tr>");
        html.Append($"</tbody></table>\n");
    }
}
