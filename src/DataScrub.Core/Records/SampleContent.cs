using System.Runtime.InteropServices;

namespace DataScrub.Records;

/// <summary>
/// A decoded sample as the checks see it. One instance per worker, reset and refilled for every
/// sample; its float scratch buffer is reused, so decoding allocates little per sample.
/// </summary>
public sealed class SampleContent
{
    /// <summary>Room for the fields of a sample; grows for records with more fields (an HDF5 row holds one per
    /// chosen dataset, and a file may have any number), and is kept for the next sample.</summary>
    private FieldEntry[] _fields = new FieldEntry[4];
    private byte[] _scratch = new byte[4096];
    private bool _scratchInUse;

    /// <summary>The shape the record declares, when it declares one.</summary>
    public DeclaredShape? DeclaredShape { get; set; }

    /// <summary>The class label, when the record has one.</summary>
    public long? Label { get; set; }

    /// <summary>A single-value label exactly as stored, when it is a float (HDF5): lets the label check tell
    /// NaN and fractional labels from integral ones (<see cref="Label"/> is set only for integral ones).</summary>
    public double? RawLabel { get; set; }

    /// <summary>Channels of the first field (axis 1 of N x C x H x W), when the format knows them without a
    /// declared shape (HDF5); Datums use <see cref="DeclaredShape"/>.</summary>
    public int? DataChannels { get; set; }

    /// <summary>The shape of the first field as C x H x W when the format knows it without declaring it
    /// (an HDF5 row): what a Datum converted from the sample declares. Checks ignore it.</summary>
    public DeclaredShape? RowShape { get; set; }

    /// <summary>True when the payload is an encoded image (checked by image checks, not by length).</summary>
    public bool IsEncodedImage { get; set; }

    /// <summary>Length of the encoded image bytes, when <see cref="IsEncodedImage"/>.</summary>
    public int EncodedImageLength { get; set; }

    /// <summary>The image format a file name promises (for <c>format-mismatch</c>); null for payloads without a name.</summary>
    public Samples.ImageContainer? ExpectedImageContainer { get; set; }

    private Samples.RecordBytes? _mask;

    /// <summary>The sample has a segmentation mask image (an image folder scanned with masks).</summary>
    public bool HasEncodedMask => _mask is not null;

    /// <summary>The mask image's bytes, empty when there is none (or the mask file is empty).</summary>
    public ReadOnlySpan<byte> EncodedMask => _mask is { } mask ? mask.Span : default;

    private (int Offset, int Length)? _imageSlice;
    private ReadOnlyMemory<byte> _imageMemory;

    /// <summary>The encoded image is a slice of the record (no copy).</summary>
    public void SetEncodedImage(int offset, int length)
    {
        IsEncodedImage = true;
        EncodedImageLength = length;
        _imageSlice = (offset, length);
    }

    /// <summary>The encoded image is in memory the decoder owns.</summary>
    public void SetEncodedImage(ReadOnlyMemory<byte> bytes)
    {
        IsEncodedImage = true;
        EncodedImageLength = bytes.Length;
        _imageSlice = null;
        _imageMemory = bytes;
    }

    public ReadOnlySpan<byte> GetEncodedImage(ReadOnlySpan<byte> record) =>
        !IsEncodedImage ? default : _imageSlice is { } s ? record.Slice(s.Offset, s.Length) : _imageMemory.Span;

    public int FieldCount { get; private set; }

    /// <summary>Starts <paramref name="sample"/>: forgets the previous sample, then takes what the reader knows about this
    /// one outside its payload (label, expected image container, mask); its decoder fills in the rest.</summary>
    public void Reset(in Samples.Sample sample)
    {
        Reset();
        Label = sample.Label;
        ExpectedImageContainer = sample.ExpectedContainer;
        _mask = sample.Mask;
    }

    public void Reset()
    {
        DeclaredShape = null;
        Label = null;
        RawLabel = null;
        DataChannels = null;
        RowShape = null;
        IsEncodedImage = false;
        EncodedImageLength = 0;
        ExpectedImageContainer = null;
        _imageSlice = null;
        _mask = null;
        _imageMemory = default;
        Array.Clear(_fields, 0, FieldCount);
        FieldCount = 0;
        _scratchInUse = false;
    }

    /// <summary>Adds a field whose bytes are a slice of the record being decoded (no copy).</summary>
    /// <param name="isLabel">The field is the sample's label or segmentation mask, not its input data.</param>
    public void AddRecordField(string name, TensorElementType type, int offset, int length, bool mustMatchDeclaredShape, bool isLabel = false) =>
        Add(new FieldEntry(name, type, mustMatchDeclaredShape, default, offset, length, InRecord: true, isLabel));

    /// <summary>Adds a field over memory the decoder owns for the duration of the check.</summary>
    public void AddField(string name, TensorElementType type, ReadOnlyMemory<byte> bytes, bool mustMatchDeclaredShape) =>
        Add(new FieldEntry(name, type, mustMatchDeclaredShape, bytes, 0, 0, InRecord: false, IsLabel: false));

    /// <summary>A reusable float buffer of exactly <paramref name="count"/> elements for the decoder to
    /// fill; <see cref="AddFloatScratchField"/> then makes it a field. One per sample.</summary>
    public Span<float> RentFloats(int count)
    {
        if (_scratchInUse) throw new InvalidOperationException("the float scratch buffer is already in use for this sample");
        var bytes = checked(count * sizeof(float));
        if (_scratch.Length < bytes) _scratch = new byte[Math.Max(bytes, _scratch.Length * 2)];
        _scratchInUse = true;
        return MemoryMarshal.Cast<byte, float>(_scratch.AsSpan(0, bytes));
    }

    /// <summary>Adds the first <paramref name="count"/> floats of the rented buffer as a Float32 field.</summary>
    public void AddFloatScratchField(string name, int count, bool mustMatchDeclaredShape)
    {
        if (!_scratchInUse) throw new InvalidOperationException("RentFloats first");
        AddField(name, TensorElementType.Float32, _scratch.AsMemory(0, count * sizeof(float)), mustMatchDeclaredShape);
    }

    /// <summary>The field at <paramref name="index"/>; <paramref name="record"/> is the record the
    /// content was decoded from (record fields are slices of it).</summary>
    public TensorField GetField(int index, ReadOnlySpan<byte> record)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, FieldCount);
        ref readonly var f = ref _fields[index];
        var bytes = f.InRecord ? record.Slice(f.Offset, f.Length) : f.Bytes.Span;
        return new TensorField(f.Name, f.Type, bytes, f.MustMatch, f.IsLabel);
    }

    private void Add(FieldEntry entry)
    {
        if (FieldCount == _fields.Length) Array.Resize(ref _fields, _fields.Length * 2);
        _fields[FieldCount++] = entry;
    }

    private readonly record struct FieldEntry(
        string Name, TensorElementType Type, bool MustMatch, ReadOnlyMemory<byte> Bytes, int Offset, int Length, bool InRecord, bool IsLabel);
}
