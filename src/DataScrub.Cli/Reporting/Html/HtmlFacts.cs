namespace DataScrub.Cli.Reporting.Html;

/// <summary>A line of facts (<c>samples 34 · bytes read 70 kB · …</c>) as a definition list that wraps: the numbers a
/// reader looks up, in a few lines rather than a tall table.</summary>
public static class HtmlFacts
{
    public static void Start(HtmlBuilder html) => html.Append($"<dl class=\"facts\">");

    /// <param name="cssClass">A class for the value (<c>sev-error</c> to mark a bad number), or null.</param>
    public static void Add(HtmlBuilder html, string term, string value, string? cssClass = null)
    {
        if (cssClass is null) html.Append($"<div><dt>{term}</dt><dd>{value}</dd></div>");
        else html.Append($"<div><dt>{term}</dt><dd class=\"{cssClass}\">{value}</dd></div>");
    }

    public static void End(HtmlBuilder html) => html.Append($"</dl>\n");
}
