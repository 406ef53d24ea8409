using System.Text;

namespace DataScrub.Formats.Caffe.TextFormat;

/// <summary>
/// The bytes a quoted literal stands for, with C's escapes as protobuf reads them: <c>\n \t \r \a \b \f \v
/// \\ \' \" \?</c>, octal <c>\NNN</c> (one to three digits), hex <c>\xHH</c> (one or two), and <c>\uXXXX</c> /
/// <c>\UXXXXXXXX</c> as UTF-8. Unescaped characters stand for their UTF-8 bytes.
/// </summary>
internal static class TextFormatStringLiteral
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Appends the bytes of <paramref name="token"/> (a <see cref="TextFormatTokenKind.String"/>) to <paramref name="bytes"/>.</summary>
    public static void AppendBytes(TextFormatToken token, string source, List<byte> bytes)
    {
        var text = token.Text;
        var end = text.Length - 1; // the closing quote
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 1; i < end;)
        {
            var c = text[i];
            if (c != '\\')
            {
                var length = char.IsSurrogatePair(text, i) ? 2 : 1;
                var count = Encoding.UTF8.GetBytes(text.AsSpan(i, length), utf8);
                for (var k = 0; k < count; k++) bytes.Add(utf8[k]);
                i += length;
                continue;
            }
            var escapeStart = i;
            var e = text[i + 1]; // the tokenizer never ends a literal on a backslash
            i += 2;
            switch (e)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 'a': bytes.Add(0x07); break;
                case 'b': bytes.Add(0x08); break;
                case 'f': bytes.Add(0x0C); break;
                case 'v': bytes.Add(0x0B); break;
                case '\\' or '\'' or '"' or '?': bytes.Add((byte)e); break;
                case >= '0' and <= '7':
                {
                    var value = e - '0';
                    for (var n = 1; n < 3 && i < end && text[i] is >= '0' and <= '7'; n++) value = value * 8 + (text[i++] - '0');
                    if (value > 0xFF) throw Error(token, source, $"octal escape '{text[escapeStart..i]}' is over \\377, more than a byte");
                    bytes.Add((byte)value);
                    break;
                }
                case 'x':
                {
                    var digits = HexDigits(text, i, end, 2);
                    if (digits == 0) throw Error(token, source, $"escape '\\{e}' has no hex digits");
                    bytes.Add((byte)Convert.ToInt32(text.Substring(i, digits), 16));
                    i += digits;
                    break;
                }
                case 'u' or 'U':
                {
                    var width = e == 'u' ? 4 : 8;
                    if (HexDigits(text, i, end, width) != width) throw Error(token, source, $"escape '\\{e}' needs {width} hex digits");
                    var codePoint = Convert.ToInt64(text.Substring(i, width), 16);
                    i += width;
                    // A \u high surrogate followed by a \u low surrogate is one code point, as in JSON.
                    if (codePoint is >= 0xD800 and <= 0xDBFF && i + 6 <= end && text[i] == '\\' && text[i + 1] == 'u'
                        && HexDigits(text, i + 2, end, 4) == 4)
                    {
                        var low = Convert.ToInt32(text.Substring(i + 2, 4), 16);
                        if (low is >= 0xDC00 and <= 0xDFFF)
                        {
                            codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (low - 0xDC00);
                            i += 6;
                        }
                    }
                    if (codePoint > 0x10FFFF || codePoint is >= 0xD800 and <= 0xDFFF)
                        throw Error(token, source, $"escape '{text[escapeStart..i]}' is not a Unicode scalar value");
                    var count = new Rune((int)codePoint).EncodeToUtf8(utf8);
                    for (var k = 0; k < count; k++) bytes.Add(utf8[k]);
                    break;
                }
                default:
                    throw Error(token, source, $"unknown escape '\\{e}' in string {token.Quoted}");
            }
        }
    }

    /// <summary>The value of a string field: the bytes must be UTF-8, as protobuf requires of a string.</summary>
    public static string ToText(List<byte> bytes, TextFormatToken first, string source)
    {
        try
        {
            return StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw Error(first, source, $"string {first.Quoted} is not valid UTF-8 (its escapes give bytes no character has); a string field holds text");
        }
    }

    private static int HexDigits(string text, int start, int end, int max)
    {
        var n = 0;
        while (n < max && start + n < end && char.IsAsciiHexDigit(text[start + n])) n++;
        return n;
    }

    private static TextFormatException Error(TextFormatToken token, string source, string problem) => new(source, token.Position, problem);
}
