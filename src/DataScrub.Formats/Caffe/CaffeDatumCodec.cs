using DataScrub.Formats.Caffe.Proto;
using Google.Protobuf;

namespace DataScrub.Formats.Caffe;

/// <summary>
/// Reads and writes caffe <c>Datum</c> records with the protobuf code generated from
/// <c>caffe.proto</c>. Writing emits <c>float_data</c> unpacked (one tag per float) exactly as Caffe
/// does; parsing accepts the packed form too and skips unknown fields.
/// </summary>
public static class CaffeDatumCodec
{
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a Datum.</exception>
    public static Datum Parse(ReadOnlySpan<byte> record) => Datum.Parser.ParseFrom(record);

    public static byte[] Serialize(Datum datum) => datum.ToByteArray();

    /// <summary>A raw image Datum: planar C x H x W bytes (BGR for colour, as Caffe stores them).</summary>
    public static Datum Raw(int channels, int height, int width, ReadOnlySpan<byte> data, int? label)
    {
        var datum = new Datum { Channels = channels, Height = height, Width = width, Data = ByteString.CopyFrom(data) };
        if (label is { } l) datum.Label = l;
        return datum;
    }

    /// <summary>A float Datum: C x H x W values in <c>float_data</c>, no <c>data</c>.</summary>
    public static Datum Float(int channels, int height, int width, ReadOnlySpan<float> values, int? label)
    {
        var datum = new Datum { Channels = channels, Height = height, Width = width };
        foreach (var v in values) datum.FloatData.Add(v);
        if (label is { } l) datum.Label = l;
        return datum;
    }

    /// <summary>An encoded Datum: the original JPEG/PNG bytes with <c>encoded = true</c>.</summary>
    public static Datum Encoded(ReadOnlySpan<byte> imageBytes, int? label)
    {
        var datum = new Datum { Encoded = true, Data = ByteString.CopyFrom(imageBytes) };
        if (label is { } l) datum.Label = l;
        return datum;
    }
}
