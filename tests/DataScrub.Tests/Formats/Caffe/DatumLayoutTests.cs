using CsCheck;
using DataScrub.Formats.Caffe;
using DataScrub.Formats.Caffe.Proto;
using DataScrub.Records;
using Google.Protobuf;

namespace DataScrub.Tests.Formats.Caffe;

/// <summary>The zero-copy fast path must decode exactly what the generated Google.Protobuf parser decodes.</summary>
public class DatumLayoutTests
{
    private static readonly Gen<byte[]> GenDatumBytes =
        from c in Gen.Int[-3, 300]
        from h in Gen.Int[0, 70000]
        from w in Gen.Int[0, 64]
        from data in Gen.Byte.Array[0, 300].Null()
        from floats in Gen.Float.Array[0, 80]
        from label in Gen.Int.Nullable()
        from encoded in Gen.Bool
        from form in Gen.Int[0, 3]
        select Serialize(c, h, w, data, floats, label, encoded, form);

    [Fact]
    public void Decode_WellFormedDatums_FastPathEqualsLibrary() =>
        GenDatumBytes.Sample(bytes =>
        {
            Assert.True(DatumLayout.TryRead(bytes, out _), "a plain Datum must take the fast path");
            Assert.Equal(Library(bytes), Fast(bytes));
        }, iter: 3000);

    [Fact]
    public void Decode_DamagedDatums_FastPathEqualsLibraryOrDefersToIt()
    {
        var gen = from bytes in GenDatumBytes.Where(b => b.Length > 0)
                  from position in Gen.Int[0, 1 << 20]
                  from value in Gen.Byte
                  from mode in Gen.Int[0, 3]
                  select Damage(bytes, position % bytes.Length, value, mode);
        gen.Sample(bytes => Assert.Equal(Library(bytes), Fast(bytes)), iter: 5000);
    }

    [Theory]
    [InlineData("")]                          // empty message
    [InlineData("3508")]                      // fixed32 float cut short
    [InlineData("08ffffffffffffffffffff01")]  // 11-byte varint
    [InlineData("08ffffffff0f")]              // channels = 0xffffffff -> -1
    [InlineData("28feffffffffffffffff01")]    // label -2 as a 10-byte varint
    [InlineData("3206000080bf0000")]          // packed float_data whose length is not a multiple of 4
    [InlineData("2203010203220104")]          // data twice: the last one wins
    [InlineData("380222020102")]              // encoded = 2 (any non-zero varint is true)
    [InlineData("f80601")]                    // unknown field 111
    [InlineData("0d00000000")]                // field 1 with the wrong wire type
    public void Decode_EdgeCases_FastPathEqualsLibrary(string hex)
    {
        var bytes = Convert.FromHexString(hex);

        Assert.Equal(Library(bytes), Fast(bytes));
    }

    private static byte[] Serialize(int c, int h, int w, byte[]? data, float[] floats, int? label, bool encoded, int form)
    {
        var datum = new Datum { Channels = c, Height = h, Width = w };
        if (data is not null) datum.Data = ByteString.CopyFrom(data);
        if (label is { } l) datum.Label = l;
        if (encoded) datum.Encoded = true;
        if (form == 0 || floats.Length == 0)
        {
            foreach (var f in floats) datum.FloatData.Add(f);
            return datum.ToByteArray();
        }
        // Packed float_data (tag 0x32), or split into an unpacked and a packed run, as concatenated messages give.
        var head = datum.ToByteArray();
        var split = form == 1 ? 0 : floats.Length / 2;
        var output = new MemoryStream();
        output.Write(head);
        var coded = new CodedOutputStream(output, leaveOpen: true);
        foreach (var f in floats[..split]) { coded.WriteTag(6, WireFormat.WireType.Fixed32); coded.WriteFloat(f); }
        coded.WriteTag(6, WireFormat.WireType.LengthDelimited);
        coded.WriteLength((floats.Length - split) * 4);
        foreach (var f in floats[split..]) coded.WriteFloat(f);
        coded.Flush();
        return output.ToArray();
    }

    private static byte[] Damage(byte[] bytes, int position, byte value, int mode) => mode switch
    {
        0 => bytes[..position],                                          // truncated
        1 => [.. bytes[..position], value, .. bytes[(position + 1)..]], // one byte replaced
        2 => [.. bytes[..position], value, .. bytes[position..]],       // one byte inserted
        _ => [.. bytes, value],                                          // trailing garbage
    };

    private static string Fast(byte[] record)
    {
        var content = new SampleContent();
        var error = new CaffeDatumDecoder().Decode(record, content);
        return Describe(record, content, error);
    }

    private static string Library(byte[] record)
    {
        var content = new SampleContent();
        var error = CaffeDatumDecoder.DecodeWithLibrary(record, content);
        return Describe(record, content, error);
    }

    private static string Describe(byte[] record, SampleContent content, string? error)
    {
        if (error is not null) return "unreadable";
        var fields = Enumerable.Range(0, content.FieldCount).Select(i =>
        {
            var f = content.GetField(i, record);
            return $"{f.Name}:{f.ElementType}:{Convert.ToHexString(f.Bytes)}";
        });
        return $"{content.DeclaredShape} label={content.Label} encoded={content.IsEncodedImage}/{content.EncodedImageLength} [{string.Join(", ", fields)}]";
    }
}
