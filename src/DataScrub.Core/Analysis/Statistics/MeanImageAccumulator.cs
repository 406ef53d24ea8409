using System.Numerics.Tensors;
using DataScrub.Records;

namespace DataScrub.Analysis.Statistics;

/// <summary>
/// Element-wise sums of the samples' data for the mean image, per worker batch, merged in storage order.
/// Only samples with the first sample's declared C x H x W take part (as <c>compute_image_mean</c>,
/// which aborts on a size change; the shape check reports those). Sums are in double: exact for bytes.
/// </summary>
public sealed class MeanImageAccumulator : IAnalysisState
{
    private double[] _sums = [];
    private double[] _widened = [];

    public DeclaredShape? Shape { get; private set; }

    public long Count { get; private set; }

    /// <summary>Samples left out because their shape differs from the first one's.</summary>
    public long Skipped { get; private set; }

    public void Add(TensorField data, DeclaredShape shape)
    {
        var elements = (long)shape.Channels * shape.Height * shape.Width;
        if (elements <= 0 || data.ElementCount != elements) return;
        if (Shape is null)
        {
            Shape = shape;
            _sums = new double[elements];
        }
        else if (Shape != shape)
        {
            Skipped++;
            return;
        }
        switch (data.ElementType)
        {
            case TensorElementType.UInt8:
                var bytes = data.Bytes;
                for (var i = 0; i < bytes.Length; i++) _sums[i] += bytes[i];
                break;
            case TensorElementType.Float32:
                if (_widened.Length < elements) _widened = new double[elements];
                TensorPrimitives.ConvertChecked<float, double>(data.AsFloat32(), _widened);
                TensorPrimitives.Add(_sums, _widened.AsSpan(0, (int)elements), _sums);
                break;
            case TensorElementType.Float64:
                TensorPrimitives.Add(_sums, data.AsFloat64(), _sums);
                break;
            default:
                Skipped++;
                return;
        }
        Count++;
    }

    /// <summary>The first input field, when the sample declares its C x H x W (a raw or float Datum, not an encoded image).</summary>
    public void Observe(in AnalysedSample sample)
    {
        if (!sample.Readable) return;
        var content = sample.Content;
        if (content.DeclaredShape is not { } shape || content.IsEncodedImage) return;
        for (var i = 0; i < content.FieldCount; i++)
        {
            var field = content.GetField(i, sample.Record);
            if (field.IsLabel || !field.MustMatchDeclaredShape) continue;
            Add(field, shape);
            return;
        }
    }

    public void Merge(IAnalysisState later) => Merge((MeanImageAccumulator)later);

    /// <summary>Adds a later batch's sums (the caller keeps storage order).</summary>
    public void Merge(MeanImageAccumulator later)
    {
        if (later.Count == 0 && later.Skipped == 0) return;
        Skipped += later.Skipped;
        if (later.Shape is null) return;
        if (Shape is null)
        {
            Shape = later.Shape;
            _sums = (double[])later._sums.Clone();
            Count = later.Count;
            return;
        }
        if (Shape != later.Shape)
        {
            Skipped += later.Count;
            return;
        }
        TensorPrimitives.Add(_sums, later._sums, _sums);
        Count += later.Count;
    }

    internal void Write(Sharding.ShardStateWriter writer)
    {
        writer.Write(Count);
        writer.Write(Skipped);
        writer.Write(Shape is not null);
        if (Shape is not { } shape) return;
        writer.Write(shape.Channels);
        writer.Write(shape.Height);
        writer.Write(shape.Width);
        writer.Write(_sums.Length);
        foreach (var sum in _sums) writer.Write(sum);
    }

    internal static MeanImageAccumulator Read(Sharding.ShardStateReader reader)
    {
        var accumulator = new MeanImageAccumulator { Count = reader.ReadInt64(), Skipped = reader.ReadInt64() };
        if (!reader.ReadBoolean()) return accumulator;
        accumulator.Shape = new DeclaredShape(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        accumulator._sums = new double[reader.ReadCount(8)];
        for (var i = 0; i < accumulator._sums.Length; i++) accumulator._sums[i] = reader.ReadDouble();
        return accumulator;
    }

    /// <summary>The mean image (sums / count, as float like Caffe), or null when no sample had a shape.</summary>
    public MeanImage? Result()
    {
        if (Shape is not { } shape || Count == 0) return null;
        var values = new float[_sums.Length];
        for (var i = 0; i < values.Length; i++) values[i] = (float)(_sums[i] / Count);
        return new MeanImage(shape, values);
    }
}
