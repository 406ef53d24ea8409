namespace DataScrub.Cli.Reporting.Html;

/// <summary>Markup the report itself wrote (never text from the data): an <see cref="HtmlBuilder"/> interpolation
/// copies it as is, where it would encode a string.</summary>
public readonly record struct HtmlMarkup(string Value)
{
    public static HtmlMarkup Empty { get; } = new("");

    /// <summary><paramref name="markup"/> when <paramref name="condition"/> holds, else nothing: for attributes such as
    /// <c>checked</c>.</summary>
    public static HtmlMarkup If(bool condition, string markup) => condition ? new HtmlMarkup(markup) : Empty;
}
