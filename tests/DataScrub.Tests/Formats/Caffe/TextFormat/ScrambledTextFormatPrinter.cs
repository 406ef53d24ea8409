using System.Collections;
using System.Globalization;
using System.Text;
using DataScrub.Formats.Caffe.TextFormat;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace DataScrub.Tests.Formats.Caffe.TextFormat;

/// <summary>
/// Writes a message in text format the way people and other tools do, choosing at random (from
/// <c>seed</c>) among the spellings the parser must accept for the same message: whitespace, comments and
/// CRLF between any tokens, <c>,</c>/<c>;</c> after fields, <c>{ }</c>, <c>: { }</c>, <c>&lt; &gt;</c>, repeated
/// fields as lists (and empty lists), hex and octal integers, <c>1.5f</c>, <c>Infinity</c>/<c>NaN</c> in any
/// case, bools as <c>True</c>/<c>t</c>/<c>1</c>, enums by number, strings in either quote, split into
/// adjacent literals and escaped in every way.
/// </summary>
public sealed class ScrambledTextFormatPrinter(int seed)
{
    private readonly Random _random = new(seed);
    private readonly StringBuilder _text = new();

    public static string Print(IMessage message, int seed)
    {
        var printer = new ScrambledTextFormatPrinter(seed);
        printer.Space();
        printer.Fields(message);
        printer.Space();
        return printer._text.ToString();
    }

    private bool Chance(int percent) => _random.Next(100) < percent;

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];

    private void Space()
    {
        _text.Append(Pick(" ", " ", " ", "", "\n", "\t", "  ", " # a comment { \" [\n", "\r\n", "\n\n", "#\n"));
    }

    /// <summary>Whitespace that cannot be empty (between two tokens that would otherwise run together).</summary>
    private void Gap()
    {
        Space();
        if (_text.Length > 0 && !char.IsWhiteSpace(_text[^1])) _text.Append(' ');
    }

    private void Fields(IMessage message)
    {
        var fields = message.Descriptor.Fields.InFieldNumberOrder().ToList();
        // Field order in text does not matter to the message; shuffle different fields now and then.
        if (Chance(30)) fields = fields.OrderBy(_ => _random.Next()).ToList();
        foreach (var field in fields)
        {
            if (field.IsRepeated)
            {
                var values = ((IList)field.Accessor.GetValue(message)).Cast<object>().ToList();
                if (values.Count == 0)
                {
                    if (Chance(3)) { Name(field); _text.Append(':'); Space(); _text.Append('['); Space(); _text.Append(']'); Separator(); }
                    continue;
                }
                if (Chance(40)) List(field, values);
                else foreach (var value in values) Field(field, value);
            }
            else if (field.Accessor.HasValue(message))
            {
                Field(field, field.Accessor.GetValue(message));
            }
        }
    }

    private void Name(FieldDescriptor field)
    {
        Space();
        _text.Append(field.Name);
        Space();
    }

    /// <summary>After a field: an optional ',' or ';', and in any case something that ends the value's token.</summary>
    private void Separator()
    {
        Space();
        if (Chance(25)) _text.Append(Pick(',', ';'));
        Gap();
    }

    private void Field(FieldDescriptor field, object value)
    {
        Name(field);
        if (field.FieldType == FieldType.Message)
        {
            if (Chance(30)) { _text.Append(':'); Space(); }
            Block((IMessage)value);
        }
        else
        {
            _text.Append(':');
            Space();
            Scalar(field, value);
        }
        Separator();
    }

    private void List(FieldDescriptor field, List<object> values)
    {
        Name(field);
        _text.Append(':');
        Space();
        _text.Append('[');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) { Space(); _text.Append(','); }
            Space();
            if (field.FieldType == FieldType.Message) Block((IMessage)values[i]);
            else Scalar(field, values[i]);
        }
        Space();
        _text.Append(']');
        Separator();
    }

    private void Block(IMessage message)
    {
        var angle = Chance(25);
        _text.Append(angle ? '<' : '{');
        Space();
        Fields(message);
        Space();
        _text.Append(angle ? '>' : '}');
    }

    private void Scalar(FieldDescriptor field, object value)
    {
        switch (field.FieldType)
        {
            case FieldType.Float: Real((float)value, TextFormatPrinter.Scalar(field, value)); break;
            case FieldType.Double: Real((double)value, TextFormatPrinter.Scalar(field, value)); break;
            case FieldType.Bool: _text.Append((bool)value ? Pick("true", "True", "t", "1", "0x1") : Pick("false", "False", "f", "0", "00")); break;
            case FieldType.Enum:
                var number = Convert.ToInt32(value, CultureInfo.InvariantCulture);
                if (Chance(30)) Integer(number);
                else _text.Append(field.EnumType.FindValueByNumber(number).Name);
                break;
            case FieldType.String: Literal(Encoding.UTF8.GetBytes((string)value)); break;
            case FieldType.Bytes: Literal(((ByteString)value).ToByteArray()); break;
            case FieldType.UInt32 or FieldType.Fixed32: Integer((uint)value); break;
            case FieldType.UInt64 or FieldType.Fixed64: Integer((ulong)value); break;
            case FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32: Integer((int)value); break;
            default: Integer((long)value); break;
        }
    }

    private void Integer(Int128 value)
    {
        var magnitude = (UInt128)(value < 0 ? -value : value);
        if (value < 0) { _text.Append('-'); if (Chance(20)) Space(); }
        switch (_random.Next(4))
        {
            case 0: _text.Append(Pick("0x", "0X")).Append(((ulong)magnitude).ToString(Pick("x", "X"), CultureInfo.InvariantCulture)); break;
            case 1 when magnitude != 0: _text.Append('0').Append(Convert.ToString(unchecked((long)(ulong)magnitude), 8)); break;
            default: _text.Append(magnitude.ToString(CultureInfo.InvariantCulture)); break;
        }
    }

    /// <param name="shortest">The value as the canonical printer writes it (the shortest text that reads back).</param>
    private void Real(double value, string shortest)
    {
        if (!double.IsFinite(value))
        {
            if (double.IsNaN(value)) _text.Append(Pick("nan", "NaN", "NAN"));
            else _text.Append(value < 0 ? "-" : "").Append(Pick("inf", "Inf", "infinity", "Infinity", "INF"));
            return;
        }
        var text = shortest;
        // An integral value may be written as an integer token; protobuf takes those for float fields.
        if (Chance(20) && !text.Contains('E') && !text.Contains('.')) { _text.Append(text); return; }
        if (!text.Contains('E') && !text.Contains('.') && Chance(50)) text += ".";
        // "0.5" may lose its 0 ("0." may not: "." is no number).
        if (text.StartsWith("0.", StringComparison.Ordinal) && text.Length > 2 && Chance(30)) text = text[1..];
        if (text.StartsWith("-0.", StringComparison.Ordinal) && text.Length > 3 && Chance(30)) text = "-" + text[2..];
        if (Chance(20)) text = text.Replace('E', 'e');
        if (Chance(20)) text += Pick("f", "F");
        if (text.StartsWith('-') && Chance(20)) text = "- " + text[1..];
        _text.Append(text);
    }

    private void Literal(byte[] bytes)
    {
        var position = 0;
        do
        {
            var take = bytes.Length == 0 ? 0 : Chance(30) ? _random.Next(bytes.Length - position + 1) : bytes.Length - position;
            // Split only between characters: a UTF-8 continuation byte stays with its lead byte.
            while (position + take < bytes.Length && (bytes[position + take] & 0xC0) == 0x80) take++;
            OneLiteral(bytes.AsSpan(position, take));
            position += take;
            if (position < bytes.Length) Space();
        } while (position < bytes.Length);
    }

    private void OneLiteral(ReadOnlySpan<byte> bytes)
    {
        var quote = Chance(30) ? '\'' : '"';
        _text.Append(quote);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var next = i + 1 < bytes.Length ? bytes[i + 1] : (byte)0;
            if (b >= 0x80)
            {
                var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                if (length > 1 && i + length <= bytes.Length && Chance(50) && Encoding.UTF8.GetString(bytes.Slice(i, length)) is var s && !s.Contains('\uFFFD'))
                {
                    var rune = Rune.GetRuneAt(s, 0);
                    if (Chance(50)) _text.Append(s);
                    else if (rune.Value > 0xFFFF || Chance(30)) _text.Append("\\U").Append(rune.Value.ToString("X8", CultureInfo.InvariantCulture));
                    else _text.Append("\\u").Append(rune.Value.ToString(Pick("x4", "X4"), CultureInfo.InvariantCulture));
                    i += length - 1;
                    continue;
                }
                Escaped(b, next);
                continue;
            }
            if (b == quote || b == '\\' || b == '\n' || b < 0x20 || b == 0x7F || Chance(10)) Escaped(b, next);
            else _text.Append((char)b);
        }
        _text.Append(quote);
    }

    /// <summary>One byte as an escape; <paramref name="next"/> decides whether a short octal or hex form would swallow the next character.</summary>
    private void Escaped(byte b, byte next)
    {
        var named = b switch
        {
            (byte)'\n' => "\\n", (byte)'\t' => "\\t", (byte)'\r' => "\\r", 0x07 => "\\a", 0x08 => "\\b", 0x0C => "\\f", 0x0B => "\\v",
            (byte)'\\' => "\\\\", (byte)'\'' => "\\'", (byte)'"' => "\\\"", (byte)'?' => "\\?", _ => null,
        };
        if (named is not null && Chance(60)) { _text.Append(named); return; }
        if (Chance(50))
        {
            var hex = b.ToString(Pick("x", "X"), CultureInfo.InvariantCulture);
            if (hex.Length == 1 && Uri.IsHexDigit((char)next)) hex = "0" + hex;
            _text.Append("\\x").Append(hex);
        }
        else
        {
            var octal = Convert.ToString(b, 8);
            if (octal.Length < 3 && next is >= (byte)'0' and <= (byte)'7') octal = octal.PadLeft(3, '0');
            _text.Append('\\').Append(octal);
        }
    }
}
