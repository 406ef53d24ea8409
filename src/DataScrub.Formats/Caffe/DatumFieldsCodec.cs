using DataScrub.Formats.Caffe.Proto;
using DataScrub.Rebuild;

namespace DataScrub.Formats.Caffe;

/// <summary>Datum records and <see cref="DatumFields"/>, both ways: what LMDB and LevelDB give a converting writer,
/// and what they write for a sample of another format.</summary>
public static class DatumFieldsCodec
{
    /// <exception cref="RebuildException">The record is not a Datum.</exception>
    public static DatumFields Read(in DataScrub.Samples.Sample sample)
    {
        Datum datum;
        try
        {
            datum = CaffeDatumCodec.Parse(sample.Record.Span);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new UnconvertibleRecordException(sample.DisplayId, $"not a caffe Datum ({e.Message})");
        }
        var floats = new float[datum.FloatData.Count];
        datum.FloatData.CopyTo(floats, 0);
        return new DatumFields(datum.Channels, datum.Height, datum.Width, datum.Encoded, datum.Data.Memory, floats,
            FloatValues: floats.Length > 0, datum.HasLabel ? datum.Label : null);
    }

    /// <summary>The Datum record for the fields, as Caffe writes one.</summary>
    public static byte[] Write(DatumFields fields)
    {
        var datum = fields.Encoded ? CaffeDatumCodec.Encoded(fields.Data.Span, fields.Label)
            : fields.FloatValues ? CaffeDatumCodec.Float(fields.Channels, fields.Height, fields.Width, fields.FloatData.Span, fields.Label)
            : CaffeDatumCodec.Raw(fields.Channels, fields.Height, fields.Width, fields.Data.Span, fields.Label);
        return CaffeDatumCodec.Serialize(datum);
    }
}
