namespace DataScrub.Formats.Caffe.TextFormat;

/// <summary>The token under the parser's eye, one look-ahead, and errors placed at a token.</summary>
internal sealed class TextFormatTokenStream
{
    private readonly TextFormatTokenizer _tokenizer;

    public TextFormatTokenStream(string text, string source)
    {
        Source = source;
        _tokenizer = new TextFormatTokenizer(text, source);
        Current = _tokenizer.Next();
    }

    public string Source { get; }

    public TextFormatToken Current { get; private set; }

    public TextFormatToken Advance()
    {
        var consumed = Current;
        if (consumed.Kind != TextFormatTokenKind.End) Current = _tokenizer.Next();
        return consumed;
    }

    public bool TryConsume(char symbol)
    {
        if (!Current.IsSymbol(symbol)) return false;
        Advance();
        return true;
    }

    public TextFormatException Error(TextFormatToken at, string problem) => new(Source, at.Position, problem);

    public TextFormatException Error(TextPosition at, string problem) => new(Source, at, problem);
}
