using DataScrub.Formats.Caffe.Proto;
using DataScrub.Records;

namespace DataScrub.Formats.Caffe;

/// <summary>
/// A decoded sample (an HDF5 row) as the caffe Datum the Data layer would read: C x H x W from the row's
/// shape, uint8 data as <c>data</c>, float data as <c>float_data</c>, an integral label as <c>label</c>.
/// </summary>
public static class DatumFromSample
{
    /// <returns>The Datum, or null with <paramref name="why"/> when the sample cannot be one.</returns>
    public static Datum? Build(SampleContent content, ReadOnlySpan<byte> record, out string? why)
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
                    return CaffeDatumCodec.Raw(shape.Channels, shape.Height, shape.Width, field.Bytes, label);
                case TensorElementType.Float32:
                    return CaffeDatumCodec.Float(shape.Channels, shape.Height, shape.Width, field.AsFloat32(), label);
                case TensorElementType.Float64:
                    var doubles = field.AsFloat64();
                    var floats = new float[doubles.Length];
                    for (var k = 0; k < floats.Length; k++) floats[k] = (float)doubles[k];
                    return CaffeDatumCodec.Float(shape.Channels, shape.Height, shape.Width, floats, label);
                default:
                    why = $"its {field.Name} holds {field.ElementType.ToString().ToLowerInvariant()} values, which a Datum does not";
                    return null;
            }
        }
        why = "it has no data field";
        return null;
    }
}
