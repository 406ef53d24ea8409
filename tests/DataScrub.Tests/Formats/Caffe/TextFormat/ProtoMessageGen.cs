using System.Collections;
using CsCheck;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace DataScrub.Tests.Formats.Caffe.TextFormat;

/// <summary>
/// Random messages of any generated type, driven by its descriptor: a random handful of its fields set, every
/// scalar type with its edge values (NaN, ±Inf, -0, subnormals, extreme integers), strings with quotes,
/// backslashes, control characters and non-ASCII, repeated fields of up to four elements, nested messages down
/// to <c>maxDepth</c> levels, required fields always. NaN is always the quiet NaN with the sign bit clear: text format writes every NaN
/// as <c>nan</c>, so only that one survives a round trip bit for bit.
/// </summary>
public static class ProtoMessageGen
{
    public static Gen<T> Of<T>(int maxDepth, int maxFields) where T : IMessage<T>, new() =>
        Message(new T().Descriptor, 1, maxDepth, maxFields).Select(m => (T)m);

    private static Gen<IMessage> Message(MessageDescriptor descriptor, int depth, int maxDepth, int maxFields)
    {
        var fields = descriptor.Fields.InDeclarationOrder()
            .Where(f => depth < maxDepth || f.FieldType != FieldType.Message)
            .ToArray();
        if (fields.Length == 0) return Gen.Bool.Select(_ => New(descriptor));
        return Gen.Int[0, fields.Length - 1].Array[0, maxFields].SelectMany(picks =>
        {
            // Required fields (ClipParameter's min and max) are always set: a message without them is not valid text format.
            var chosen = picks.Select(i => fields[i]).Concat(fields.Where(f => f.IsRequired)).Distinct().ToArray();
            return Sequence(chosen.Select(f => Setter(f, depth, maxDepth, maxFields)).ToArray())
                .Select(setters =>
                {
                    var message = New(descriptor);
                    foreach (var set in setters) set(message);
                    return message;
                });
        });
    }

    private static IMessage New(MessageDescriptor descriptor) => descriptor.Parser.ParseFrom(ByteString.Empty);

    private static Gen<Action<IMessage>> Setter(FieldDescriptor field, int depth, int maxDepth, int maxFields)
    {
        var value = field.FieldType == FieldType.Message
            ? Message(field.MessageType, depth + 1, maxDepth, Math.Max(1, maxFields - 1)).Select(m => (object)m)
            : Scalar(field);
        if (!field.IsRepeated)
            return value.Select(v => (Action<IMessage>)(m => field.Accessor.SetValue(m, v)));
        return value.List[0, 4].Select(values => (Action<IMessage>)(m =>
        {
            var list = (IList)field.Accessor.GetValue(m);
            foreach (var v in values) list.Add(v);
        }));
    }

    public static Gen<object> Scalar(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Float => Float.Select(v => (object)v),
        FieldType.Double => Double.Select(v => (object)v),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Gen.OneOf(Gen.Int, Gen.Int[-3, 300], Gen.OneOf(int.MinValue, int.MaxValue, 0)).Select(v => (object)v),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Gen.OneOf(Gen.Long, Gen.Long[-3, 300], Gen.OneOf(long.MinValue, long.MaxValue, -1L)).Select(v => (object)v),
        FieldType.UInt32 or FieldType.Fixed32 => Gen.OneOf(Gen.UInt, Gen.UInt[0, 300], Gen.OneOf(uint.MaxValue, 0u)).Select(v => (object)v),
        FieldType.UInt64 or FieldType.Fixed64 => Gen.OneOf(Gen.ULong, Gen.ULong[0, 300], Gen.OneOf(ulong.MaxValue, 0UL)).Select(v => (object)v),
        FieldType.Bool => Gen.Bool.Select(v => (object)v),
        FieldType.Enum => Gen.OneOf(field.EnumType.Values.Select(v => Enum.ToObject(field.EnumType.ClrType, v.Number)).ToArray()),
        FieldType.String => Text.Select(v => (object)v),
        FieldType.Bytes => Gen.Byte.Array[0, 12].Select(v => (object)ByteString.CopyFrom(v)),
        _ => throw new NotSupportedException(field.FieldType.ToString()),
    };

    private static readonly float CanonicalFloatNaN = BitConverter.Int32BitsToSingle(0x7FC0_0000);
    private static readonly double CanonicalDoubleNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000);

    public static readonly Gen<float> Float = Gen.Frequency(
        (4, Gen.UInt.Select(BitConverter.UInt32BitsToSingle)),
        (2, Gen.Int[-1000, 1000].Select(i => i / 8f)),
        (2, Gen.OneOf(0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.Epsilon, -float.Epsilon,
            BitConverter.Int32BitsToSingle(0x007F_FFFF), float.MaxValue, float.MinValue, 1e-8f, 0.1f, 1f / 3))
    ).Select(v => float.IsNaN(v) ? CanonicalFloatNaN : v);

    public static readonly Gen<double> Double = Gen.Frequency(
        (4, Gen.ULong.Select(BitConverter.UInt64BitsToDouble)),
        (2, Gen.Int[-1000, 1000].Select(i => i / 8d)),
        (2, Gen.OneOf(0d, -0d, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.Epsilon,
            BitConverter.Int64BitsToDouble(0x000F_FFFF_FFFF_FFFF), double.MaxValue, double.MinValue, 0.1, 1e300))
    ).Select(v => double.IsNaN(v) ? CanonicalDoubleNaN : v);

    /// <summary>Pieces a string is made of: the characters a printer must escape, and multi-byte UTF-8.</summary>
    public static readonly Gen<string> Text = Gen.OneOf(
        "a", "Z", "0", "7", "x", " ", "_", "\"", "'", "\\", "\\n", "?", "#", "{", "}", "\n", "\r", "\t", "\0", "\u0001", "\u007f",
        "\u0080", "é", "中", "😀", "\u2028", "\uFEFF", "ÿ"
    ).Array[0, 8].Select(string.Concat);

    /// <summary>All of <paramref name="gens"/> in order.</summary>
    private static Gen<T[]> Sequence<T>(Gen<T>[] gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (acc, gen) => acc.SelectMany(list => gen.Select(v => (T[])[.. list, v])));
}
