namespace DataScrub.Formats.Caffe.TextFormat;

/// <summary>
/// Splits a text-format document into tokens the way protobuf's C++ tokenizer does for TextFormat:
/// <c>#</c> comments to the end of the line, numbers that must not run into a letter or a second point
/// (<c>1.5f</c> is one float, <c>1x</c> an error), string literals that may not cross a line. Escapes inside
/// a string are checked when the literal's value is read (<see cref="TextFormatStringLiteral"/>).
/// </summary>
internal sealed class TextFormatTokenizer
{
    private readonly string _text;
    private readonly string _source;
    private int _index;
    private int _line = 1;
    private int _lineStart;

    public TextFormatTokenizer(string text, string source)
    {
        _text = text;
        _source = source;
    }

    public TextFormatToken Next()
    {
        SkipWhitespaceAndComments();
        var position = Here;
        if (_index >= _text.Length) return new(TextFormatTokenKind.End, "", position);
        var start = _index;
        var c = _text[_index];
        if (IsLetter(c))
        {
            while (_index < _text.Length && (IsLetter(_text[_index]) || char.IsAsciiDigit(_text[_index]))) _index++;
            return new(TextFormatTokenKind.Identifier, _text[start.._index], position);
        }
        if (char.IsAsciiDigit(c) || (c == '.' && _index + 1 < _text.Length && char.IsAsciiDigit(_text[_index + 1])))
            return Number(position);
        if (c is '"' or '\'') return StringLiteral(position);
        if (c is '{' or '}' or '<' or '>' or '[' or ']' or ':' or ',' or ';' or '-')
        {
            _index++;
            return new(TextFormatTokenKind.Symbol, c.ToString(), position);
        }
        throw Error(position, $"unexpected character {Describe(c)}");
    }

    private TextPosition Here => new(_line, _index - _lineStart + 1);

    private void SkipWhitespaceAndComments()
    {
        while (_index < _text.Length)
        {
            var c = _text[_index];
            if (c == '#')
            {
                while (_index < _text.Length && _text[_index] != '\n') _index++;
            }
            else if (c == '\n')
            {
                _index++;
                _line++;
                _lineStart = _index;
            }
            else if (c is ' ' or '\t' or '\r' or '\v' or '\f')
            {
                _index++;
            }
            else
            {
                return;
            }
        }
    }

    private TextFormatToken Number(TextPosition position)
    {
        var start = _index;
        var isFloat = false;
        if (_text[_index] == '0' && _index + 1 < _text.Length && _text[_index + 1] is 'x' or 'X')
        {
            _index += 2;
            if (Digits(char.IsAsciiHexDigit) == 0) throw Error(position, $"'{_text[start.._index]}' must be followed by hex digits");
        }
        else if (_text[_index] == '0' && _index + 1 < _text.Length && char.IsAsciiDigit(_text[_index + 1]))
        {
            Digits(c => c is >= '0' and <= '7');
            if (_index < _text.Length && char.IsAsciiDigit(_text[_index]))
                throw Error(position, $"'{Run(start)}': a number starting with 0 is octal and has only the digits 0-7");
        }
        else
        {
            Digits(char.IsAsciiDigit);
            if (_index < _text.Length && _text[_index] == '.')
            {
                isFloat = true;
                _index++;
                Digits(char.IsAsciiDigit);
            }
            if (_index < _text.Length && _text[_index] is 'e' or 'E')
            {
                isFloat = true;
                _index++;
                if (_index < _text.Length && _text[_index] is '+' or '-') _index++;
                if (Digits(char.IsAsciiDigit) == 0) throw Error(position, $"'{Run(start)}': the exponent has no digits");
            }
            if (_index < _text.Length && _text[_index] is 'f' or 'F')
            {
                isFloat = true;
                _index++;
            }
        }
        if (_index < _text.Length && (IsLetter(_text[_index]) || char.IsAsciiDigit(_text[_index]) || _text[_index] == '.'))
            throw Error(position, $"'{Run(start)}' is not a number (a number needs a space before a name, and has at most one point)");
        return new(isFloat ? TextFormatTokenKind.Float : TextFormatTokenKind.Integer, _text[start.._index], position);
    }

    private int Digits(Func<char, bool> isDigit)
    {
        var start = _index;
        while (_index < _text.Length && isDigit(_text[_index])) _index++;
        return _index - start;
    }

    /// <summary>The text from <paramref name="start"/> through the rest of the number-like run, for messages.</summary>
    private string Run(int start)
    {
        var end = _index;
        while (end < _text.Length && end - start < 40 && (IsLetter(_text[end]) || char.IsAsciiDigit(_text[end]) || _text[end] is '.' or '+' or '-')) end++;
        return _text[start..end];
    }

    private TextFormatToken StringLiteral(TextPosition position)
    {
        var start = _index;
        var quote = _text[_index++];
        while (true)
        {
            if (_index >= _text.Length || _text[_index] == '\n')
                throw Error(position, $"string {Describe(_text[start..Math.Min(_index, start + 40)])} is not closed before the end of the {(_index >= _text.Length ? "text" : "line")}");
            var c = _text[_index++];
            if (c == quote) return new(TextFormatTokenKind.String, _text[start.._index], position);
            // An escaped quote does not close the string; what the escape means is checked when the value is read.
            if (c == '\\' && _index < _text.Length && _text[_index] != '\n') _index++;
        }
    }

    private static bool IsLetter(char c) => char.IsAsciiLetter(c) || c == '_';

    private static string Describe(char c) =>
        c is >= ' ' and < (char)0x7F ? $"'{c}'" : $"U+{(int)c:X4}";

    private static string Describe(string text) => "'" + text + "'";

    private TextFormatException Error(TextPosition position, string problem) => new(_source, position, problem);
}
