using DataScrub.Records;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// Decodes one row record of one file: the rows of the chosen datasets, each converted to its
/// little-endian target type, laid end to end at the offsets this decoder fixed when it was made. The
/// layout is the decoder's own and never changes: samples of one layout share one decoder, and workers
/// decode them while the reader already lays out other rows (another decoder for other fields).
/// A single-element label that is an integer, or an integral finite float, is the sample's class label.
/// </summary>
internal sealed class Hdf5RowDecoder : IRecordDecoder
{
    private readonly string _file;

    public Hdf5RowDecoder(string file, IEnumerable<Hdf5Field> fields)
    {
        _file = file;
        var slots = new List<Slot>();
        var offset = 0;
        foreach (var field in fields)
        {
            slots.Add(new Slot(field, offset));
            offset += field.TargetRowBytes;
        }
        Slots = slots;
        RowBytes = offset;
    }

    /// <summary>A field and where its row starts inside the row record.</summary>
    public readonly record struct Slot(Hdf5Field Field, int Offset);

    public string Name => $"HDF5 row of {_file}";

    public IReadOnlyList<Slot> Slots { get; }

    public int RowBytes { get; }

    public string? Decode(ReadOnlySpan<byte> record, SampleContent content)
    {
        if (record.Length != RowBytes) return $"row record of {record.Length} bytes, expected {RowBytes}";
        foreach (var (field, offset) in Slots)
        {
            content.AddRecordField(field.Name, field.Type.Target, offset, field.TargetRowBytes, mustMatchDeclaredShape: false, field.IsLabel);
            if (field.IsLabel && field.ElementsPerRow == 1)
                SetLabel(content.GetField(content.FieldCount - 1, record), content);
        }
        // Channels = axis 1 of the first data dataset (N x C x ...); a 1-D row of D values has D features.
        if (Slots.Select(s => s.Field).FirstOrDefault(f => !f.IsLabel) is { Dims.Length: > 1 } data)
        {
            content.DataChannels = checked((int)data.Dims[1]);
            // The row as a Datum would declare it (rebuild --to lmdb): C x H x W, trailing axes folded into W.
            content.RowShape = data.Dims.Length switch
            {
                2 => new DeclaredShape(content.DataChannels.Value, 1, 1),
                3 => new DeclaredShape(content.DataChannels.Value, checked((int)data.Dims[2]), 1),
                _ => new DeclaredShape(content.DataChannels.Value, checked((int)data.Dims[2]), checked((int)data.Dims.Skip(3).Aggregate(1UL, (a, d) => a * d))),
            };
        }
        return null;
    }

    private static void SetLabel(TensorField label, SampleContent content)
    {
        if (label.ElementType == TensorElementType.Int64)
        {
            content.Label = label.AsInt64()[0];
            return;
        }
        double value = label.ElementType switch
        {
            TensorElementType.Float16 => (double)label.AsFloat16()[0],
            TensorElementType.Float32 => label.AsFloat32()[0],
            TensorElementType.Float64 => label.AsFloat64()[0],
            _ => double.NaN,
        };
        content.RawLabel = value;
        if (double.IsFinite(value) && Math.Floor(value) == value && Math.Abs(value) < 1L << 53) content.Label = (long)value;
    }
}
