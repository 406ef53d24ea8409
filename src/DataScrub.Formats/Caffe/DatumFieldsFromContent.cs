using DataScrub.Rebuild;
using DataScrub.Records;

namespace DataScrub.Formats.Caffe;

/// <summary>
/// A decoded sample (an HDF5 row) as the fields of the caffe Datum the Data layer would read: C x H x W from the
/// row's shape, uint8 data as <c>data</c>, float data as <c>float_data</c>, an integral label as <c>label</c>.
/// </summary>
public static class DatumFieldsFromContent
{
    /// <returns>The fields, or null with <paramref name="why"/> when the sample cannot be a Datum.</returns>
    public static DatumFields? Build(SampleContent content, ReadOnlySpan<byte> record, out string? why)
    {
        why = null;
        if (content.IsEncodedImage)
        {
            why = "it is an encoded image";
            return null;
        }
        for (var i = 0; i < content.FieldCount; i++)
        {
            var field = content.GetField(i, record);
            if (field.IsLabel) continue;
            var shape = content.DeclaredShape ?? content.RowShape ?? new DeclaredShape(checked((int)field.ElementCount), 1, 1);
            if ((long)shape.Channels * shape.Height * shape.Width != field.ElementCount)
            {
                why = $"its {field.ElementCount} values are not {shape}";
                return null;
            }
            int? label = content.Label is { } l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null;
            if (content.RawLabel is { } raw && content.Label is null)
            {
                why = $"its label {raw} is not an integer (a Datum label is int32)";
                return null;
            }
            switch (field.ElementType)
            {
                case TensorElementType.UInt8:
                    return new DatumFields(shape.Channels, shape.Height, shape.Width, false, field.Bytes.ToArray(), default, FloatValues: false, label);
                case TensorElementType.Float32:
                    return new DatumFields(shape.Channels, shape.Height, shape.Width, false, default, field.AsFloat32().ToArray(), FloatValues: true, label);
                case TensorElementType.Float64:
                    var doubles = field.AsFloat64();
                    var floats = new float[doubles.Length];
                    for (var k = 0; k < floats.Length; k++) floats[k] = (float)doubles[k];
                    return new DatumFields(shape.Channels, shape.Height, shape.Width, false, default, floats, FloatValues: true, label);
                default:
                    why = $"its {field.Name} holds {field.ElementType.ToString().ToLowerInvariant()} values, which a Datum does not";
                    return null;
            }
        }
        why = "it has no data field";
        return null;
    }
}
