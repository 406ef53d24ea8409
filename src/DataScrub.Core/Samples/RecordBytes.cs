using System.Runtime.InteropServices;

namespace DataScrub.Samples;

/// <summary>
/// A view of one record's bytes: either a managed array slice or a span of native memory owned by
/// the reader (an LMDB memory map). Native views exist so that a reader can hand values to the
/// workers without copying them; they stay valid until the reader that produced them is disposed.
/// </summary>
public readonly unsafe struct RecordBytes
{
    private readonly byte[]? _array;
    private readonly byte* _pointer;
    private readonly int _offset;
    private readonly int _length;

    public RecordBytes(byte[] array) : this(array, 0, array.Length) { }

    public RecordBytes(byte[] array, int offset, int length)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, array.Length - offset);
        _array = array;
        _offset = offset;
        _length = length;
    }

    /// <summary>Wraps native memory; the caller guarantees it outlives every use of this view.</summary>
    public RecordBytes(byte* pointer, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (pointer == null && length != 0) throw new ArgumentNullException(nameof(pointer));
        _pointer = pointer;
        _length = length;
    }

    public int Length => _length;

    public ReadOnlySpan<byte> Span =>
        _array is not null ? new ReadOnlySpan<byte>(_array, _offset, _length) : new ReadOnlySpan<byte>(_pointer, _length);

    public byte[] ToArray() => Span.ToArray();

    public static RecordBytes Copy(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());

    public override string ToString() => $"RecordBytes[{_length}]";
}
