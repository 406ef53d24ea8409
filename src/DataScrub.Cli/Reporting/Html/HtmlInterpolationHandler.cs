using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>
/// The interpolated strings of <see cref="HtmlBuilder.Append"/>: the literal parts are markup the compiler saw (a
/// constant in this code), every hole is encoded (<see cref="HtmlText"/>) unless it is <see cref="HtmlMarkup"/>.
/// So a key or a message cannot become markup by forgetting to encode it, and numbers are formatted invariantly
/// (<c>{count:N0}</c> reads 1,234 whatever the machine's culture; <c>{x:0.##}</c> is an SVG coordinate).
/// </summary>
[InterpolatedStringHandler]
public readonly ref struct HtmlInterpolationHandler
{
    private readonly StringBuilder _output;

    public HtmlInterpolationHandler(int literalLength, int formattedCount, HtmlBuilder builder)
    {
        _output = builder.Output;
        _output.EnsureCapacity(_output.Length + literalLength + formattedCount * 8);
    }

    public void AppendLiteral(string markup) => _output.Append(markup);

    public void AppendFormatted(string? text) => HtmlText.Encode(text, _output);

    public void AppendFormatted(HtmlMarkup markup) => _output.Append(markup.Value);

    public void AppendFormatted<T>(T value, string? format = null) where T : IFormattable =>
        HtmlText.Encode(value.ToString(format, CultureInfo.InvariantCulture), _output);
}
