using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace DataScrub.Formats.Caffe.TextFormat;

/// <summary>
/// Reads one scalar value for a field, as protobuf's C++ TextFormat parser does: integers range-checked for
/// their type, floats parsed as doubles and cast (what protobuf stores in a float field), enums by name or
/// number, adjacent string literals joined. The value is boxed as the field's CLR type for its accessor.
/// </summary>
internal static class TextFormatScalars
{
    public static object Read(TextFormatTokenStream tokens, FieldDescriptor field)
    {
        switch (field.FieldType)
        {
            case FieldType.Double: return ReadDouble(tokens, field);
            case FieldType.Float: return ToFloat(ReadDouble(tokens, field));
            case FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32: return (int)ReadSigned(tokens, field, int.MinValue, int.MaxValue);
            case FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64: return ReadSigned(tokens, field, long.MinValue, long.MaxValue);
            case FieldType.UInt32 or FieldType.Fixed32: return (uint)ReadUnsigned(tokens, field, uint.MaxValue);
            case FieldType.UInt64 or FieldType.Fixed64: return ReadUnsigned(tokens, field, ulong.MaxValue);
            case FieldType.Bool: return ReadBool(tokens, field);
            case FieldType.Enum: return ReadEnum(tokens, field);
            case FieldType.String:
            {
                var first = tokens.Current;
                return TextFormatStringLiteral.ToText(ReadBytes(tokens, field), first, tokens.Source);
            }
            case FieldType.Bytes: return ByteString.CopyFrom(ReadBytes(tokens, field).ToArray());
            default: throw tokens.Error(tokens.Current, $"field '{field.Name}' of {field.ContainingType.FullName} has type {field.FieldType}, which is not a scalar");
        }
    }

    /// <summary>Consumes a value of a field the message does not have: a signed number, a name, or string literals.</summary>
    public static void Skip(TextFormatTokenStream tokens)
    {
        var token = tokens.Current;
        if (token.Kind == TextFormatTokenKind.String)
        {
            var ignored = new List<byte>();
            while (tokens.Current.Kind == TextFormatTokenKind.String) TextFormatStringLiteral.AppendBytes(tokens.Advance(), tokens.Source, ignored);
            return;
        }
        var negative = tokens.TryConsume('-');
        token = tokens.Current;
        if (token.Kind is TextFormatTokenKind.Integer or TextFormatTokenKind.Float || (token.Kind == TextFormatTokenKind.Identifier && !negative)
            || (negative && token.Kind == TextFormatTokenKind.Identifier && IsInfOrNan(token.Text)))
        {
            tokens.Advance();
            return;
        }
        throw tokens.Error(token, $"expected a value, got {token.Quoted}");
    }

    private static double ReadDouble(TextFormatTokenStream tokens, FieldDescriptor field)
    {
        var negative = tokens.TryConsume('-');
        var token = tokens.Current;
        double magnitude;
        switch (token.Kind)
        {
            case TextFormatTokenKind.Integer:
                // Like protobuf: an integer is fine for a float field, but only in decimal.
                if (token.Text.Length > 1 && token.Text[0] == '0')
                    throw tokens.Error(token, $"{token.Quoted} is a hex or octal integer; {Describe(field)} takes a decimal number");
                magnitude = double.Parse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture);
                break;
            case TextFormatTokenKind.Float:
                magnitude = double.Parse(token.Text.TrimEnd('f', 'F'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
                break;
            case TextFormatTokenKind.Identifier when IsInfOrNan(token.Text):
                magnitude = token.Text.Equals("nan", StringComparison.OrdinalIgnoreCase) ? QuietNaN : double.PositiveInfinity;
                break;
            default:
                throw tokens.Error(token, $"expected a number for {Describe(field)}, got {(negative ? "'-' " : "")}{token.Quoted}");
        }
        tokens.Advance();
        return negative ? -magnitude : magnitude;
    }

    /// <summary>
    /// The float protobuf stores for a double read from text (C++ <c>io::SafeDoubleToFloat</c>): the nearest
    /// float, except beyond ±3.4028235e+38 (float.MaxValue as printed with 8 digits, a little less than where
    /// rounding would reach infinity), which is ±infinity (up to there the cast rounds to ±MaxValue).
    /// </summary>
    public static float ToFloat(double value) =>
        value > MaxFloatAsPrinted ? float.PositiveInfinity : value < -MaxFloatAsPrinted ? float.NegativeInfinity : (float)value;

    private const double MaxFloatAsPrinted = 3.4028235e+38;

    /// <summary>
    /// The NaN C++ and Python protobuf store for <c>nan</c> (<c>std::numeric_limits&lt;double&gt;::quiet_NaN()</c>,
    /// sign bit clear), so that a parsed document serializes to their bytes; .NET's <see cref="double.NaN"/> has
    /// the sign bit set.
    /// </summary>
    private static readonly double QuietNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000);

    private static bool IsInfOrNan(string text) =>
        text.Equals("inf", StringComparison.OrdinalIgnoreCase) || text.Equals("infinity", StringComparison.OrdinalIgnoreCase)
        || text.Equals("nan", StringComparison.OrdinalIgnoreCase);

    private static long ReadSigned(TextFormatTokenStream tokens, FieldDescriptor field, long min, long max)
    {
        var negative = tokens.TryConsume('-');
        var token = ExpectInteger(tokens, field, negative);
        var limit = negative ? (ulong)-(min + 1) + 1 : (ulong)max;
        if (!TryParseMagnitude(token.Text, out var magnitude) || magnitude > limit)
            throw tokens.Error(token, $"{(negative ? "-" : "")}{token.Text} is out of range for {Describe(field)} ({min} to {max})");
        tokens.Advance();
        return negative ? (long)(0UL - magnitude) : (long)magnitude;
    }

    private static ulong ReadUnsigned(TextFormatTokenStream tokens, FieldDescriptor field, ulong max)
    {
        if (tokens.Current.IsSymbol('-'))
            throw tokens.Error(tokens.Current, $"{Describe(field)} is unsigned; it cannot take '-'");
        var token = ExpectInteger(tokens, field, negative: false);
        if (!TryParseMagnitude(token.Text, out var value) || value > max)
            throw tokens.Error(token, $"{token.Text} is out of range for {Describe(field)} (0 to {max})");
        tokens.Advance();
        return value;
    }

    private static TextFormatToken ExpectInteger(TextFormatTokenStream tokens, FieldDescriptor field, bool negative)
    {
        var token = tokens.Current;
        if (token.Kind != TextFormatTokenKind.Integer)
            throw tokens.Error(token, $"expected an integer for {Describe(field)}, got {(negative ? "'-' " : "")}{token.Quoted}");
        return token;
    }

    /// <summary>Decimal, 0x hex or leading-zero octal digits; false when the value does not fit 64 bits.</summary>
    private static bool TryParseMagnitude(string text, out ulong value)
    {
        var (start, radix) = text.Length > 1 && text[0] == '0'
            ? text[1] is 'x' or 'X' ? (2, 16u) : (1, 8u)
            : (0, 10u);
        value = 0;
        foreach (var c in text.AsSpan(start))
        {
            var digit = (uint)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
            if (value > (ulong.MaxValue - digit) / radix) return false;
            value = value * radix + digit;
        }
        return true;
    }

    private static bool ReadBool(TextFormatTokenStream tokens, FieldDescriptor field)
    {
        var token = tokens.Current;
        bool? value = token.Kind switch
        {
            TextFormatTokenKind.Identifier => token.Text switch
            {
                "true" or "True" or "t" => true,
                "false" or "False" or "f" => false,
                _ => null,
            },
            TextFormatTokenKind.Integer => TryParseMagnitude(token.Text, out var number) && number <= 1 ? number == 1 : null,
            _ => null,
        };
        if (value is null)
            throw tokens.Error(token, $"expected true or false for {Describe(field)}, got {token.Quoted}");
        tokens.Advance();
        return value.Value;
    }

    private static object ReadEnum(TextFormatTokenStream tokens, FieldDescriptor field)
    {
        var type = field.EnumType;
        var token = tokens.Current;
        EnumValueDescriptor? value;
        if (token.Kind == TextFormatTokenKind.Identifier)
        {
            value = type.FindValueByName(token.Text);
            if (value is null)
                throw tokens.Error(token, $"{token.Quoted} is not a value of {type.FullName} (the type of {Describe(field)}); it has {string.Join(", ", type.Values.Select(v => v.Name))}");
        }
        else
        {
            if (token.Kind != TextFormatTokenKind.Integer && !token.IsSymbol('-'))
                throw tokens.Error(token, $"expected a name or number of {type.FullName} for {Describe(field)}, got {token.Quoted}");
            var number = (int)ReadSigned(tokens, field, int.MinValue, int.MaxValue);
            value = type.FindValueByNumber(number);
            // proto2 enums are closed: a number without a name is not a value (protobuf rejects it too).
            if (value is null)
                throw tokens.Error(token, $"{number} is not a number of {type.FullName} (the type of {Describe(field)})");
            return Enum.ToObject(type.ClrType, value.Number);
        }
        tokens.Advance();
        return Enum.ToObject(type.ClrType, value.Number);
    }

    private static List<byte> ReadBytes(TextFormatTokenStream tokens, FieldDescriptor field)
    {
        if (tokens.Current.Kind != TextFormatTokenKind.String)
            throw tokens.Error(tokens.Current, $"expected a quoted string for {Describe(field)}, got {tokens.Current.Quoted}");
        var bytes = new List<byte>();
        while (tokens.Current.Kind == TextFormatTokenKind.String) TextFormatStringLiteral.AppendBytes(tokens.Advance(), tokens.Source, bytes);
        return bytes;
    }

    /// <summary>"'base_lr' (float) of caffe.SolverParameter", for messages.</summary>
    public static string Describe(FieldDescriptor field) =>
        $"'{field.Name}' ({field.FieldType.ToString().ToLowerInvariant()}) of {field.ContainingType.FullName}";
}
