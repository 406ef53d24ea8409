using System.Runtime.CompilerServices;
using System.Text;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>The HTML document being written. <see cref="Append"/> takes an interpolated string whose holes are
/// encoded (<see cref="HtmlInterpolationHandler"/>); <see cref="Raw"/> takes fixed markup (the page's style and
/// script).</summary>
public sealed class HtmlBuilder
{
    internal StringBuilder Output { get; } = new(64 * 1024);

    public void Append([InterpolatedStringHandlerArgument("")] ref HtmlInterpolationHandler html)
    {
        // Nothing left to do: the compiler fed the handler each part, and it wrote them to Output as they came.
    }

    /// <summary>Markup this code wrote.</summary>
    public void Raw(HtmlMarkup markup) => Output.Append(markup.Value);

    public override string ToString() => Output.ToString();
}
