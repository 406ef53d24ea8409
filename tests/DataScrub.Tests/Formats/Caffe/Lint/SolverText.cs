using System.Collections;
using System.Globalization;
using DataScrub.Formats.Caffe.Proto;
using Google.Protobuf.Reflection;

namespace DataScrub.Tests.Formats.Caffe.Lint;

/// <summary>
/// Reads a flat solver.prototxt (one <c>field: value</c> a line, # comments) into a SolverParameter, so the tests
/// can use real solver files before the branch has a text-format parser. Nested messages are refused, not skipped.
/// </summary>
internal static class SolverText
{
    public static SolverParameter Parse(string text)
    {
        var solver = new SolverParameter();
        foreach (var raw in text.Split('\n'))
        {
            var line = StripComment(raw).Trim();
            if (line.Length == 0) continue;
            var colon = line.IndexOf(':');
            if (colon < 0) throw new FormatException($"not a flat `field: value` line: {raw}");
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            var field = SolverParameter.Descriptor.FindFieldByName(name) ?? throw new FormatException($"SolverParameter has no field {name}");
            var parsed = Value(field, value);
            if (field.IsRepeated) ((IList)field.Accessor.GetValue(solver)).Add(parsed);
            else field.Accessor.SetValue(solver, parsed);
        }
        return solver;
    }

    public static SolverParameter ParseFile(string path) => Parse(File.ReadAllText(path));

    private static object Value(FieldDescriptor field, string text) => field.FieldType switch
    {
        FieldType.String => Unquote(text),
        FieldType.Float => ParseFloat(text),
        FieldType.Int32 => int.Parse(text, CultureInfo.InvariantCulture),
        FieldType.Int64 => long.Parse(text, CultureInfo.InvariantCulture),
        FieldType.Bool => bool.Parse(text),
        FieldType.Enum => Enum.ToObject(field.EnumType.ClrType, field.EnumType.FindValueByName(text)?.Number
            ?? throw new FormatException($"{field.Name}: no enum value {text}")),
        _ => throw new FormatException($"{field.Name}: {field.FieldType} is not read by this flat parser"),
    };

    // Text format spells NaN and infinities as nan, inf, -inf (any case).
    private static float ParseFloat(string text) => text.ToLowerInvariant() switch
    {
        "nan" => float.NaN,
        "inf" or "infinity" => float.PositiveInfinity,
        "-inf" or "-infinity" => float.NegativeInfinity,
        var t => float.Parse(t.TrimEnd('f'), NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] is '"' or '\'' && text[^1] == text[0] ? text[1..^1] : throw new FormatException($"not a quoted string: {text}");

    private static string StripComment(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"') quoted = !quoted;
            else if (line[i] == '#' && !quoted) return line[..i];
        }
        return line;
    }
}
