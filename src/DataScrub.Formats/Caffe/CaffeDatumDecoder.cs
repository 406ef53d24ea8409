using DataScrub.Formats.Caffe.Proto;
using DataScrub.Records;
using Google.Protobuf;

namespace DataScrub.Formats.Caffe;

/// <summary>
/// Decodes caffe Datum records for the checks: <c>data</c> becomes a UInt8 field (raw) or an encoded
/// image, <c>float_data</c> a Float32 field; channels/height/width the declared shape. Mirrors how Caffe
/// reads a Datum: an empty <c>data</c> means "use float_data".
/// </summary>
public sealed class CaffeDatumDecoder : IRecordDecoder
{
    public const string DataField = "data";
    public const string FloatDataField = "float_data";

    /// <summary>Stateless: one instance serves every Datum sample.</summary>
    public static CaffeDatumDecoder Instance { get; } = new();

    public string Name => "caffe.Datum";

    public string? Decode(ReadOnlySpan<byte> record, SampleContent content)
    {
        // Fast path: the plain shape every writer emits, read in place (data is a slice of the record,
        // float_data is gathered into the worker's scratch buffer). Anything unusual goes to the
        // generated parser, so that odd records get exactly Google.Protobuf's semantics.
        if (DatumLayout.TryRead(record, out var layout))
        {
            content.DeclaredShape = new DeclaredShape(layout.Channels, layout.Height, layout.Width);
            content.Label = layout.Label;
            if (layout.Encoded)
            {
                content.SetEncodedImage(Math.Max(layout.DataOffset, 0), layout.DataLength);
                return null;
            }
            if (layout.DataLength > 0)
                content.AddRecordField(DataField, TensorElementType.UInt8, layout.DataOffset, layout.DataLength, mustMatchDeclaredShape: true);
            if (layout.FloatCount > 0)
            {
                DatumLayout.CopyFloats(record, content.RentFloats(layout.FloatCount));
                content.AddFloatScratchField(FloatDataField, layout.FloatCount, mustMatchDeclaredShape: true);
            }
            return null;
        }
        return DecodeWithLibrary(record, content);
    }

    internal static string? DecodeWithLibrary(ReadOnlySpan<byte> record, SampleContent content)
    {
        Datum datum;
        try
        {
            datum = CaffeDatumCodec.Parse(record);
        }
        catch (InvalidProtocolBufferException e)
        {
            return $"protobuf: {FirstSentence(e.Message)} ({record.Length} bytes, starting {Preview(record)})";
        }

        content.DeclaredShape = new DeclaredShape(datum.Channels, datum.Height, datum.Width);
        if (datum.HasLabel) content.Label = datum.Label;
        if (datum.Encoded)
        {
            content.SetEncodedImage(datum.Data.Memory);
            return null;
        }
        if (!datum.Data.IsEmpty)
            content.AddField(DataField, TensorElementType.UInt8, datum.Data.Memory, mustMatchDeclaredShape: true);
        var floats = datum.FloatData;
        if (floats.Count > 0)
        {
            var buffer = content.RentFloats(floats.Count);
            for (var i = 0; i < buffer.Length; i++) buffer[i] = floats[i];
            content.AddFloatScratchField(FloatDataField, floats.Count, mustMatchDeclaredShape: true);
        }
        return null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }

    private static string Preview(ReadOnlySpan<byte> record) =>
        "0x" + Convert.ToHexStringLower(record[..Math.Min(record.Length, 8)]);
}
