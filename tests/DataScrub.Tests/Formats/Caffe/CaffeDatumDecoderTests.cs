using System.Runtime.InteropServices;
using DataScrub.Formats.Caffe;
using DataScrub.Records;

namespace DataScrub.Tests.Formats.Caffe;

public class CaffeDatumDecoderTests
{
    private readonly CaffeDatumDecoder _decoder = new();
    private readonly SampleContent _content = new();

    [Fact]
    public void Decode_RawDatum_GivesUInt8DataFieldShapeAndLabel()
    {
        var record = CaffeDatumCodec.Serialize(CaffeDatumCodec.Raw(3, 2, 2, new byte[12], label: 7));

        Assert.Null(_decoder.Decode(record, _content));

        Assert.Equal(new DeclaredShape(3, 2, 2), _content.DeclaredShape);
        Assert.Equal(7, _content.Label);
        Assert.Equal(1, _content.FieldCount);
        var field = _content.GetField(0, record);
        Assert.Equal(("data", TensorElementType.UInt8, 12L), (field.Name, field.ElementType, field.ElementCount));
    }

    [Fact]
    public void Decode_FloatDatum_GivesFloat32FieldWithExactBits()
    {
        float[] values = [1.5f, BitConverter.UInt32BitsToSingle(0xffc12345), float.PositiveInfinity];
        var record = CaffeDatumCodec.Serialize(CaffeDatumCodec.Float(1, 1, 3, values, label: null));

        Assert.Null(_decoder.Decode(record, _content));

        Assert.Null(_content.Label);
        var field = _content.GetField(0, record);
        Assert.Equal("float_data", field.Name);
        Assert.Equal(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), field.Bytes.ToArray());
    }

    [Fact]
    public void Decode_ReusedContent_DoesNotLeakFieldsFromThePreviousSample()
    {
        var floats = CaffeDatumCodec.Serialize(CaffeDatumCodec.Float(1, 1, 3000, new float[3000], label: 1));
        var raw = CaffeDatumCodec.Serialize(CaffeDatumCodec.Raw(1, 1, 4, new byte[4], label: null));
        Assert.Null(_decoder.Decode(floats, _content));

        _content.Reset();
        Assert.Null(_decoder.Decode(raw, _content));

        Assert.Equal(1, _content.FieldCount);
        Assert.Null(_content.Label);
        Assert.Equal("data", _content.GetField(0, raw).Name);
    }

    [Fact]
    public void Decode_EncodedDatum_IsAnImageWithoutTensorFields()
    {
        var record = CaffeDatumCodec.Serialize(CaffeDatumCodec.Encoded([0x89, 0x50, 0x4e, 0x47], label: 2));

        Assert.Null(_decoder.Decode(record, _content));

        Assert.True(_content.IsEncodedImage);
        Assert.Equal(4, _content.EncodedImageLength);
        Assert.Equal(0, _content.FieldCount);
    }

    [Fact]
    public void Decode_NotADatum_SaysWhyWithTheFirstBytes()
    {
        byte[] record = [0x08, 0x03, 0x22, 0xc0, 0x01, 0x00];

        var error = _decoder.Decode(record, _content);

        Assert.NotNull(error);
        Assert.Contains("0x080322c00100", error);
        Assert.Contains("6 bytes", error);
    }
}
