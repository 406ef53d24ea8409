using System.Text.Json;
using CsCheck;
using DataScrub.Formats.Caffe;
using DataScrub.Formats.Caffe.Proto;
using DataScrub.Tests.Shared;
using Google.Protobuf;

namespace DataScrub.Tests.Formats.Caffe;

/// <summary>Wire compatibility with Datums serialized by the Python protobuf library (fixtures/datum).</summary>
public class CaffeDatumCodecTests
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in LoadCases()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Parse_PythonWrittenCase_MatchesItsDescription(string name)
    {
        var c = LoadCases().Single(e => e.GetProperty("name").GetString() == name);
        var bytes = File.ReadAllBytes(Path.Combine(Fixtures.Path(Fixtures.Datum.Directory), c.GetProperty("file").GetString()!));

        var datum = CaffeDatumCodec.Parse(bytes);

        Assert.Equal(c.GetProperty("channels").GetInt32(), datum.Channels);
        Assert.Equal(c.GetProperty("height").GetInt32(), datum.Height);
        Assert.Equal(c.GetProperty("width").GetInt32(), datum.Width);
        var label = c.GetProperty("label");
        Assert.Equal(label.ValueKind != JsonValueKind.Null, datum.HasLabel);
        if (datum.HasLabel) Assert.Equal(label.GetInt32(), datum.Label);
        Assert.Equal(c.GetProperty("encoded").GetBoolean(), datum.Encoded);
        var dataHex = c.GetProperty("data_hex");
        Assert.Equal(dataHex.ValueKind == JsonValueKind.Null ? "" : dataHex.GetString(), Convert.ToHexStringLower(datum.Data.Span));
        var expectedBits = c.GetProperty("float_bits").EnumerateArray().Select(b => Convert.ToUInt32(b.GetString(), 16)).ToArray();
        Assert.Equal(expectedBits, datum.FloatData.Select(BitConverter.SingleToUInt32Bits).ToArray());
    }

    [Theory]
    [InlineData("raw_uint8")]
    [InlineData("float_unpacked")]
    [InlineData("encoded_png")]
    [InlineData("empty")]
    [InlineData("label_negative")]
    public void Serialize_ParsedPythonCase_GivesPythonsBytesBack(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Fixtures.Path(Fixtures.Datum.Directory), name + ".bin"));

        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(CaffeDatumCodec.Serialize(CaffeDatumCodec.Parse(bytes))));
    }

    [Fact]
    public void Serialize_FloatData_WritesOneTagPerFloatLikeCaffe()
    {
        var bytes = CaffeDatumCodec.Serialize(CaffeDatumCodec.Float(1, 1, 3, [1f, float.NaN, -0f], label: null));

        // channels, height, width (2 bytes each), then 3 x (tag 0x35 + 4 bytes): unpacked, never 0x32.
        Assert.Equal(6 + 3 * 5, bytes.Length);
        Assert.Equal([0x35, 0x35, 0x35], new[] { bytes[6], bytes[11], bytes[16] });
    }

    [Fact]
    public void Parse_PackedAndMixedPacking_AcceptsBoth()
    {
        var packed = File.ReadAllBytes(Path.Combine(Fixtures.Path(Fixtures.Datum.Directory), "float_packed.bin"));
        var unpacked = File.ReadAllBytes(Path.Combine(Fixtures.Path(Fixtures.Datum.Directory), "float_unpacked.bin"));
        Assert.Contains((byte)0x32, packed);

        Assert.Equal(
            CaffeDatumCodec.Parse(unpacked).FloatData.Select(BitConverter.SingleToUInt32Bits),
            CaffeDatumCodec.Parse(packed).FloatData.Select(BitConverter.SingleToUInt32Bits));
    }

    [Fact]
    public void Parse_TruncatedField_Throws()
    {
        byte[] truncated = [0x08, 0x03, 0x22, 0xc0, 0x01, 0x00, 0x01];

        Assert.Throws<InvalidProtocolBufferException>(() => CaffeDatumCodec.Parse(truncated));
    }

    [Fact]
    public void SerializeThenParse_AnyDatum_RoundTripsBitExactly()
    {
        var genFloatBits = Gen.OneOf<uint>(Gen.UInt, Gen.OneOf(0x7fc00001u, 0xffc12345u, 0x80000000u, 0x7f800000u, 0xff800000u, 0x00000001u));
        var genDatum =
            from c in Gen.Int[0, 4]
            from h in Gen.Int[-1, 64]
            from w in Gen.Int[0, 64]
            from data in Gen.Byte.Array[0, 200]
            from floats in genFloatBits.Array[0, 100]
            from label in Gen.Int.Nullable()
            from encoded in Gen.Bool
            select (c, h, w, data, floats, label, encoded);

        genDatum.Sample(t =>
        {
            var datum = new Datum { Channels = t.c, Height = t.h, Width = t.w, Data = ByteString.CopyFrom(t.data), Encoded = t.encoded };
            foreach (var bits in t.floats) datum.FloatData.Add(BitConverter.UInt32BitsToSingle(bits));
            if (t.label is { } l) datum.Label = l;

            var back = CaffeDatumCodec.Parse(CaffeDatumCodec.Serialize(datum));

            Assert.Equal((t.c, t.h, t.w, t.encoded, t.label), (back.Channels, back.Height, back.Width, back.Encoded, back.HasLabel ? back.Label : (int?)null));
            Assert.Equal(t.data, back.Data.ToByteArray());
            Assert.Equal(t.floats, back.FloatData.Select(BitConverter.SingleToUInt32Bits).ToArray());
        }, iter: 2000);
    }

    private static List<JsonElement> LoadCases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Datum.Cases)));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
