using System.Buffers.Binary;
using System.Runtime.InteropServices;
using DataScrub.Records;
using PureHDF;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// An HDF5 element type DataScrub can check: floats (2/4/8 bytes) kept as they are, integers (1-8
/// bytes, signed or not) widened to int64 for label analysis; either byte order. Enumerations are read
/// as their integer base type and bitfields as unsigned integers of their size, as h5py reads both.
/// PureHDF does no type conversion (a same-size read silently reinterprets bits), so every read is
/// dispatched from here.
/// </summary>
/// <param name="Class">FloatingPoint or FixedPoint (enumerations and bitfields are FixedPoint here).</param>
/// <param name="StoredAs">"enum" or "bitfield" when the file's class is one of those, for messages; else null.</param>
internal sealed record Hdf5ElementType(H5DataTypeClass Class, int Size, bool Signed, bool BigEndian, string? StoredAs = null)
{
    public TensorElementType Target => Class == H5DataTypeClass.FloatingPoint
        ? Size switch { 2 => TensorElementType.Float16, 4 => TensorElementType.Float32, _ => TensorElementType.Float64 }
        : TensorElementType.Int64;

    /// <summary>True when file bytes already are the target bytes (little-endian floats).</summary>
    public bool NeedsNoConversion => Class == H5DataTypeClass.FloatingPoint && !BigEndian;

    /// <summary>Bytes per element after conversion.</summary>
    public int TargetSize => Class == H5DataTypeClass.FloatingPoint ? Size : sizeof(long);

    public string Describe() => Class == H5DataTypeClass.FloatingPoint
        ? $"float{Size * 8}{(BigEndian ? " big-endian" : "")}"
        : $"{(StoredAs is null ? "" : StoredAs + " of ")}{(Signed ? "" : "u")}int{Size * 8}{(BigEndian ? " big-endian" : "")}";

    /// <summary>The supported type of <paramref name="dataset"/>, or null with the reason.</summary>
    public static Hdf5ElementType? Of(IH5Dataset dataset, out string? unsupported)
    {
        unsupported = null;
        var type = dataset.Type;
        var bigEndian = PureHdfInternals.IsBigEndian(dataset) ?? false;
        switch (type.Class)
        {
            case H5DataTypeClass.FloatingPoint when type.Size is 2 or 4 or 8:
                return new Hdf5ElementType(type.Class, (int)type.Size, true, bigEndian);
            case H5DataTypeClass.FixedPoint when type.Size is 1 or 2 or 4 or 8:
                return new Hdf5ElementType(type.Class, (int)type.Size, type.FixedPoint.IsSigned, bigEndian);
            case H5DataTypeClass.BitField when type.Size is 1 or 2 or 4 or 8:
                return new Hdf5ElementType(H5DataTypeClass.FixedPoint, (int)type.Size, Signed: false, bigEndian, "bitfield");
            case H5DataTypeClass.Enumerated when type.Enumeration.BaseType is { Class: H5DataTypeClass.FixedPoint, Size: 1 or 2 or 4 or 8 } baseType:
                return new Hdf5ElementType(H5DataTypeClass.FixedPoint, (int)baseType.Size, baseType.FixedPoint.IsSigned, bigEndian, "enum");
            default:
                unsupported = $"{type.Class} elements of {type.Size} bytes";
                return null;
        }
    }

    /// <summary>A fill value as h5py shows it: the dataset's own (file-order bytes of one element), else HDF5's default 0.</summary>
    public string FormatFillValue(byte[]? element)
    {
        if (element is null || element.Length != Size || element.All(b => b == 0)) return "0";
        Span<byte> value = stackalloc byte[TargetSize];
        Convert(element, value);
        return Target switch
        {
            TensorElementType.Float16 => ((double)MemoryMarshal.Read<Half>(value)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            TensorElementType.Float32 => MemoryMarshal.Read<float>(value).ToString(System.Globalization.CultureInfo.InvariantCulture),
            TensorElementType.Float64 => MemoryMarshal.Read<double>(value).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => MemoryMarshal.Read<long>(value).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Copies file-order elements as little-endian elements of the same type and width.</summary>
    public void ToLittleEndian(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!BigEndian || Size == 1)
        {
            source.CopyTo(destination);
            return;
        }
        switch (Size)
        {
            case 2: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(source), MemoryMarshal.Cast<byte, ushort>(destination)); break;
            case 4: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(source), MemoryMarshal.Cast<byte, uint>(destination)); break;
            default: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(source), MemoryMarshal.Cast<byte, ulong>(destination)); break;
        }
    }

    /// <summary>Converts raw file-order elements to the little-endian target type.</summary>
    public void Convert(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var count = source.Length / Size;
        if (Class == H5DataTypeClass.FloatingPoint)
        {
            ToLittleEndian(source, destination);
            return;
        }
        var target = MemoryMarshal.Cast<byte, long>(destination);
        for (var i = 0; i < count; i++)
        {
            var e = source.Slice(i * Size, Size);
            target[i] = (Size, Signed, BigEndian) switch
            {
                (1, true, _) => (sbyte)e[0],
                (1, false, _) => e[0],
                (2, true, false) => BinaryPrimitives.ReadInt16LittleEndian(e),
                (2, true, true) => BinaryPrimitives.ReadInt16BigEndian(e),
                (2, false, false) => BinaryPrimitives.ReadUInt16LittleEndian(e),
                (2, false, true) => BinaryPrimitives.ReadUInt16BigEndian(e),
                (4, true, false) => BinaryPrimitives.ReadInt32LittleEndian(e),
                (4, true, true) => BinaryPrimitives.ReadInt32BigEndian(e),
                (4, false, false) => BinaryPrimitives.ReadUInt32LittleEndian(e),
                (4, false, true) => BinaryPrimitives.ReadUInt32BigEndian(e),
                (_, true, false) => BinaryPrimitives.ReadInt64LittleEndian(e),
                (_, true, true) => BinaryPrimitives.ReadInt64BigEndian(e),
                // uint64 above long.MaxValue cannot be a class index; it stays visibly out of range.
                (_, false, false) => (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(e), long.MaxValue),
                (_, false, true) => (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(e), long.MaxValue),
            };
        }
    }

    /// <summary>Reads <paramref name="rows"/> rows from <paramref name="start"/> with PureHDF's public API
    /// (chunked datasets, or when the contiguous extent is unknown) as file-order little-endian bytes.</summary>
    public void ReadWithPureHdf(IH5Dataset dataset, ulong[] dims, ulong start, ulong rows, Span<byte> destination)
    {
        var starts = new ulong[dims.Length];
        var blocks = (ulong[])dims.Clone();
        starts[0] = start;
        blocks[0] = rows;
        var selection = new PureHDF.Selections.HyperslabSelection(dims.Length, starts, blocks);
        var count = (ulong)(destination.Length / Size);
        var memoryDims = new[] { count };
        switch (Class, Size, Signed)
        {
            case (H5DataTypeClass.FloatingPoint, 2, _): Read<Half>(dataset, selection, memoryDims, destination); break;
            case (H5DataTypeClass.FloatingPoint, 4, _): Read<float>(dataset, selection, memoryDims, destination); break;
            case (H5DataTypeClass.FloatingPoint, _, _): Read<double>(dataset, selection, memoryDims, destination); break;
            case (_, 1, true): Read<sbyte>(dataset, selection, memoryDims, destination); break;
            case (_, 1, false): Read<byte>(dataset, selection, memoryDims, destination); break;
            case (_, 2, true): Read<short>(dataset, selection, memoryDims, destination); break;
            case (_, 2, false): Read<ushort>(dataset, selection, memoryDims, destination); break;
            case (_, 4, true): Read<int>(dataset, selection, memoryDims, destination); break;
            case (_, 4, false): Read<uint>(dataset, selection, memoryDims, destination); break;
            case (_, _, true): Read<long>(dataset, selection, memoryDims, destination); break;
            default: Read<ulong>(dataset, selection, memoryDims, destination); break;
        }
    }

    private static void Read<T>(IH5Dataset dataset, PureHDF.Selections.Selection selection, ulong[] memoryDims, Span<byte> destination) where T : unmanaged
    {
        var buffer = new T[memoryDims[0]];
        dataset.Read(buffer, fileSelection: selection, memoryDims: memoryDims);
        MemoryMarshal.AsBytes(buffer.AsSpan()).CopyTo(destination);
    }
}
