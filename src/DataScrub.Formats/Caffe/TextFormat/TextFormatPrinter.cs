using System.Collections;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace DataScrub.Formats.Caffe.TextFormat;

/// <summary>
/// Writes a message in canonical text format, which <see cref="TextFormatParser"/> (and protobuf's own parsers)
/// read back to an equal message: set fields in field-number order, one per line, repeated fields one line per
/// element, nested messages as <c>name {</c> blocks indented by two spaces, enums by name, floats in their
/// shortest round-trip form (<c>inf</c>, <c>-inf</c>, <c>nan</c> for the non-finite), strings and bytes in double
/// quotes with C escapes.
/// </summary>
public static class TextFormatPrinter
{
    public static string Print(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        PrintFields(message, text, indent: 0);
        return text.ToString();
    }

    private static void PrintFields(IMessage message, StringBuilder text, int indent)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.IsRepeated)
            {
                foreach (var element in (IList)field.Accessor.GetValue(message)) PrintField(field, element, text, indent);
            }
            else if (field.Accessor.HasValue(message))
            {
                PrintField(field, field.Accessor.GetValue(message), text, indent);
            }
        }
    }

    private static void PrintField(FieldDescriptor field, object value, StringBuilder text, int indent)
    {
        text.Append(' ', indent).Append(field.Name);
        if (field.FieldType is FieldType.Message or FieldType.Group)
        {
            text.Append(" {\n");
            PrintFields((IMessage)value, text, indent + 2);
            text.Append(' ', indent).Append("}\n");
            return;
        }
        text.Append(": ").Append(Scalar(field, value)).Append('\n');
    }

    /// <summary>One scalar value as text format writes it.</summary>
    internal static string Scalar(FieldDescriptor field, object value) => field.FieldType switch
    {
        FieldType.Float => Real((float)value),
        FieldType.Double => Real((double)value),
        FieldType.Bool => (bool)value ? "true" : "false",
        FieldType.Enum => EnumName(field.EnumType, Convert.ToInt32(value, CultureInfo.InvariantCulture)),
        FieldType.String => Quote(Encoding.UTF8.GetBytes((string)value), keepUtf8: true),
        FieldType.Bytes => Quote(((ByteString)value).ToByteArray(), keepUtf8: false),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static string EnumName(EnumDescriptor type, int number) => type.FindValueByNumber(number)?.Name ?? number.ToString(CultureInfo.InvariantCulture);

    // "R" is the shortest text that parses back to the same bits (since .NET Core 3.0), "-0" included.
    private static string Real(float value)
    {
        if (float.IsNaN(value)) return "nan";
        if (float.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        // Readers parse a double and then narrow it (TextFormatScalars.ToFloat): the float's shortest text can fail
        // that path (±MaxValue's "3.4028235E+38" is above MaxValue, so infinity), the double's exact value cannot.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var reread = TextFormatScalars.ToFloat(double.Parse(shortest, CultureInfo.InvariantCulture));
        return BitConverter.SingleToUInt32Bits(reread) == BitConverter.SingleToUInt32Bits(value)
            ? shortest
            : ((double)value).ToString("R", CultureInfo.InvariantCulture);
    }

    private static string Real(double value) =>
        double.IsNaN(value) ? "nan" : double.IsInfinity(value) ? (value > 0 ? "inf" : "-inf") : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A double-quoted literal of <paramref name="bytes"/>: printable ASCII as itself, quotes, backslashes and
    /// the usual controls as C escapes, other bytes as three-digit octal (so a following digit cannot join
    /// the escape). A string's non-ASCII UTF-8 is kept as characters (<paramref name="keepUtf8"/>), readable.
    /// </summary>
    internal static string Quote(byte[] bytes, bool keepUtf8)
    {
        var text = new StringBuilder(bytes.Length + 2).Append('"');
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            switch (b)
            {
                case (byte)'"': text.Append("\\\""); break;
                case (byte)'\\': text.Append("\\\\"); break;
                case (byte)'\n': text.Append("\\n"); break;
                case (byte)'\r': text.Append("\\r"); break;
                case (byte)'\t': text.Append("\\t"); break;
                case >= 0x20 and < 0x7F: text.Append((char)b); break;
                case >= 0x80 when keepUtf8:
                {
                    var start = i;
                    while (i + 1 < bytes.Length && bytes[i + 1] >= 0x80) i++;
                    text.Append(Encoding.UTF8.GetString(bytes, start, i - start + 1));
                    break;
                }
                default: text.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0')); break;
            }
        }
        return text.Append('"').ToString();
    }
}
