using System.Runtime.InteropServices;

namespace DataScrub.Records;

/// <summary>
/// One named array inside a decoded sample (a Datum's <c>data</c> or <c>float_data</c>). The bytes are
/// little-endian elements of <see cref="ElementType"/>; they may point into the record or into a
/// worker's scratch buffer, and are valid only while the sample is being checked.
/// </summary>
public readonly ref struct TensorField
{
    public TensorField(string name, TensorElementType elementType, ReadOnlySpan<byte> bytes, bool mustMatchDeclaredShape, bool isLabel = false)
    {
        IsLabel = isLabel;
        Name = name;
        ElementType = elementType;
        Bytes = bytes;
        MustMatchDeclaredShape = mustMatchDeclaredShape;
    }

    /// <summary>The field name as reports show it (<c>data</c>, <c>float_data</c>).</summary>
    public string Name { get; }

    public TensorElementType ElementType { get; }

    /// <summary>The sample's label or segmentation mask (HDF5 label datasets), not input data.</summary>
    public bool IsLabel { get; }

    public ReadOnlySpan<byte> Bytes { get; }

    /// <summary>True when the element count must equal the sample's declared shape (C*H*W).</summary>
    public bool MustMatchDeclaredShape { get; }

    public long ElementCount => ElementType switch
    {
        TensorElementType.UInt8 => Bytes.Length,
        TensorElementType.Float16 => Bytes.Length / 2,
        TensorElementType.Int64 => Bytes.Length / sizeof(long),
        TensorElementType.Float32 => Bytes.Length / sizeof(float),
        TensorElementType.Float64 => Bytes.Length / sizeof(double),
        _ => throw new InvalidOperationException($"unknown element type {ElementType}"),
    };

    public ReadOnlySpan<float> AsFloat32() =>
        ElementType == TensorElementType.Float32 ? MemoryMarshal.Cast<byte, float>(Bytes) : throw WrongType(TensorElementType.Float32);

    public ReadOnlySpan<Half> AsFloat16() =>
        ElementType == TensorElementType.Float16 ? MemoryMarshal.Cast<byte, Half>(Bytes) : throw WrongType(TensorElementType.Float16);

    public ReadOnlySpan<long> AsInt64() =>
        ElementType == TensorElementType.Int64 ? MemoryMarshal.Cast<byte, long>(Bytes) : throw WrongType(TensorElementType.Int64);

    public ReadOnlySpan<double> AsFloat64() =>
        ElementType == TensorElementType.Float64 ? MemoryMarshal.Cast<byte, double>(Bytes) : throw WrongType(TensorElementType.Float64);

    private InvalidOperationException WrongType(TensorElementType wanted) =>
        new($"field '{Name}' holds {ElementType}, not {wanted}");
}
