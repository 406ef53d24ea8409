namespace DataScrub.Formats.Caffe.TextFormat;

internal enum TextFormatTokenKind
{
    /// <summary><c>[A-Za-z_][A-Za-z0-9_]*</c>: a field name, an enum name, <c>true</c>, <c>inf</c>.</summary>
    Identifier,

    /// <summary>Decimal, <c>0x</c> hex or leading-zero octal digits, without a sign.</summary>
    Integer,

    /// <summary>A number with a decimal point, an exponent or an <c>f</c> suffix, without a sign.</summary>
    Float,

    /// <summary>One quoted literal, quotes and escapes included as written.</summary>
    String,

    /// <summary>One of <c>{ } &lt; &gt; [ ] : , ; -</c>.</summary>
    Symbol,

    End,
}

/// <summary>One token as written, with where it starts.</summary>
internal readonly record struct TextFormatToken(TextFormatTokenKind Kind, string Text, TextPosition Position)
{
    public bool IsSymbol(char symbol) => Kind == TextFormatTokenKind.Symbol && Text[0] == symbol;

    /// <summary>The token for an error message: quoted and cut short, or "the end of the text".</summary>
    public string Quoted => Kind == TextFormatTokenKind.End ? "the end of the text" : "'" + Shorten(Text) + "'";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
