using System.Buffers.Binary;
using System.IO.Hashing;
using DataScrub.Formats;
using DataScrub.Formats.Caffe;
using DataScrub.Formats.Caffe.Proto;
using DataScrub.Formats.Caffe.TextFormat;
using DataScrub.Formats.Hdf5;
using DataScrub.Formats.ImageFolder;
using DataScrub.Formats.LevelDb;
using DataScrub.Formats.Lmdb;
using DataScrub.Images;
using DataScrub.Rebuild;
using DataScrub.Records;
using DataScrub.Samples;
using DataScrub.Tests.Shared;
using Google.Protobuf;

namespace DataScrub.Tests.Hostile;

/// <summary>
/// Issue 18, bounded allocations: every parser fed a length or count field that says 2^31, 2^32-1, 2^63 or -1 (2^64-1,
/// what a signed -1 reads as unsigned) must answer with its clean error or a finding, having allocated little: nothing
/// it allocates may follow the field before the field is checked against the bytes that remain.
/// </summary>
public sealed class LengthBoundsTests
{
    /// <summary>Far below what any of the hostile fields asks for (the smallest is 2^31 bytes).</summary>
    private const long AllocationLimit = 32L << 20;

    public static TheoryData<ulong> HugeLengths => new() { 1UL << 31, uint.MaxValue, 1UL << 63, ulong.MaxValue };

    /// <summary>The huge lengths that fit the 32-bit fields (LevelDB varint32s, restart and batch counts).</summary>
    public static TheoryData<ulong> Huge32BitLengths => new() { 1UL << 31, uint.MaxValue };

    private static T Bounded<T>(Func<T> parse)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = parse();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < AllocationLimit, $"allocated {allocated >> 20} MiB");
        return result;
    }

    private static byte[] Varint(ulong value)
    {
        var bytes = new byte[10];
        return bytes[..LevelDbCoding.EncodeVarint64(bytes, value)];
    }

    [Theory, MemberData(nameof(HugeLengths))]
    public void Datum_DataLength_IsUnreadableOnBothPaths(ulong length)
    {
        byte[] record = [0x08, 0x01, 0x10, 0x01, 0x18, 0x04, 0x22, .. Varint(length), 1, 2, 3, 4];
        var error = Bounded(() => CaffeDatumDecoder.Instance.Decode(record, new SampleContent()));
        Assert.StartsWith("protobuf: ", error);
        var sample = new Sample(0, new RecordBytes([]), new RecordBytes(record), CaffeDatumDecoder.Instance);
        Assert.Throws<UnconvertibleRecordException>(() => Bounded(() => DatumFieldsCodec.Read(sample)));
    }

    [Theory, MemberData(nameof(HugeLengths))]
    public void Datum_PackedFloatLength_IsUnreadable(ulong length)
    {
        byte[] record = [0x08, 0x01, 0x32, .. Varint(length), 0, 0, 0x80, 0x3f];
        Assert.NotNull(Bounded(() => CaffeDatumDecoder.Instance.Decode(record, new SampleContent())));
    }

    [Theory, MemberData(nameof(Huge32BitLengths))]
    public void LevelDbBlock_RestartCount_IsRefused(ulong count)
    {
        var block = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(8), (uint)count);
        Assert.Null(Bounded(() => BlockIterator.Create(block, block.Length, out _)));
        BlockIterator.Create(block, block.Length, out var error);
        Assert.Contains($"claims {count} restart points", error);
    }

    [Theory, MemberData(nameof(HugeLengths))]
    public void LevelDbBlock_EntryKeyAndValueLengths_EndTheWalkWithAnError(ulong length)
    {
        byte[] longKey = [0, .. Varint(length), 1, (byte)'k', (byte)'v'];
        byte[] longValue = [0, 1, .. Varint(length), (byte)'k', (byte)'v'];
        foreach (var entry in new[] { longKey, longValue })
        {
            byte[] block = [.. entry, 0, 0, 0, 0, 1, 0, 0, 0];
            var iterator = BlockIterator.Create(block, block.Length, out _)!;
            Assert.False(Bounded(() => iterator.MoveNext(out _)));
            iterator = BlockIterator.Create(block, block.Length, out _)!;
            iterator.MoveNext(out var error);
            Assert.NotNull(error);
        }
    }

    [Theory, MemberData(nameof(HugeLengths))]
    public void LevelDbWriteBatch_KeyLengthAndCount_AreReported(ulong length)
    {
        var batch = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(batch.AsSpan(8), (uint)Math.Min(length, uint.MaxValue));
        byte[] withKey = [.. batch, 1, .. Varint(length), (byte)'k'];
        Assert.NotNull(Bounded(() => WriteBatchDecoder.Decode(withKey, (_, _, _, _) => { })));
        Assert.Contains("says", WriteBatchDecoder.Decode(batch, (_, _, _, _) => { })); // a count with no entries behind it
    }

    [Theory, MemberData(nameof(HugeLengths))]
    public void LevelDbVersionEdit_KeyAndNameLengths_AreGarbled(ulong length)
    {
        byte[] newFile = [7, 0, 5, 100, .. Varint(length), 1, 2, 3];
        Assert.Null(Bounded(() => VersionEdit.Decode(newFile, out _)));
        byte[] comparator = [1, .. Varint(length), (byte)'l'];
        Assert.Null(Bounded(() => VersionEdit.Decode(comparator, out _)));
    }

    [Fact]
    public void LevelDbLog_FragmentLengthPastTheBlock_IsCorruptionNotARead()
    {
        var log = new byte[LogFormat.BlockSize + 100];
        BinaryPrimitives.WriteUInt16LittleEndian(log.AsSpan(4), ushort.MaxValue);
        log[6] = LogFormat.Full;
        var reader = new LogReader(new MemoryStream(log));
        var reports = 0;
        reader.Corruption += (_, _, _) => reports++;
        Assert.Null(Bounded(reader.ReadRecord));
        Assert.Equal(1, reports);
    }

    /// <summary>A table's footer whose index handle says the index block is 2^31.. bytes long: the table is lost with a
    /// corrupt-store finding, before any buffer of that size exists.</summary>
    [Theory, MemberData(nameof(HugeLengths))]
    public void LevelDbTable_IndexBlockSize_IsACorruptStoreFinding(ulong size)
    {
        using var temp = new TempDirectory();
        var store = temp.CopyDirectory(Fixtures.Path(Fixtures.LevelDb.Good.Uncompressed), "store");
        var table = Path.Combine(store, "000005.ldb");
        var bytes = File.ReadAllBytes(table);
        Assert.True(TableFooter.TryDecode(bytes.AsSpan(bytes.Length - TableFooter.Size), out var footer, out _));
        new TableFooter(footer.MetaIndex, new BlockHandle(footer.Index.Offset, size)).Encode().CopyTo(bytes, bytes.Length - TableFooter.Size);
        File.WriteAllBytes(table, bytes);

        using var reader = LevelDbReader.Open(store);
        var samples = Bounded(() => reader.ReadSamples(CancellationToken.None).Count());
        Assert.Contains(reader.StoreFindings, f => f.Message.Contains($"index block of {size} bytes", StringComparison.Ordinal));
        Assert.True(samples < 20);
    }

    /// <summary>The current meta page's last page number: a page count that overflows when multiplied by the page size
    /// must not pass the truncation check.</summary>
    [Theory, MemberData(nameof(HugeLengths))]
    public void LmdbMeta_LastPage_IsRefused(ulong lastPage)
    {
        using var temp = new TempDirectory();
        var store = temp.CopyDirectory(Fixtures.Path(Fixtures.Lmdb.Good.Clean), "store");
        var data = Path.Combine(store, "data.mdb");
        var bytes = File.ReadAllBytes(data);
        foreach (var meta in new[] { 0, 4096 }) BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(meta + LmdbMetaPage.PageHeaderSize + 120), lastPage);
        File.WriteAllBytes(data, bytes);
        Assert.Throws<DatasetUnreadableException>(() => Bounded(() => OpenAndDispose(store)));
    }

    /// <summary>Opens the store and, should that succeed (a failing test), closes it: a LightningEnvironment left to the
    /// finalizer kills the test host.</summary>
    private static bool OpenAndDispose(string store)
    {
        using var reader = LmdbReader.Open(store);
        return true;
    }

    /// <summary>A leaf node's data size (its lo/hi halves) set to 2^31 and 2^32-1: the validator refuses the store before
    /// liblmdb hands out a value that long.</summary>
    [Theory, MemberData(nameof(Huge32BitLengths))]
    public void LmdbNode_DataSize_IsRefused(ulong size)
    {
        using var temp = new TempDirectory();
        var store = temp.CopyDirectory(Fixtures.Path(Fixtures.Lmdb.Good.Clean), "store");
        var data = Path.Combine(store, "data.mdb");
        var bytes = File.ReadAllBytes(data);
        // Page 3, the first leaf of the current tree (root 5, transaction 2); page 2 is the previous transaction's root.
        var leaf = 3 * 4096;
        Assert.Equal(LmdbPageReader.PageLeaf, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(leaf + 10)));
        var node = leaf + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(leaf + LmdbMetaPage.PageHeaderSize));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(node), (ushort)size);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(node + 2), (ushort)(size >> 16));
        File.WriteAllBytes(data, bytes);
        var error = Assert.Throws<DatasetUnreadableException>(() => Bounded(() => OpenAndDispose(store)));
        Assert.Contains($"value of {size} bytes", error.Message);
    }

    /// <summary>The first dimension of a contiguous dataset (data of bigendian_f32.h5, 10 rows at file offset 832): rows
    /// past the storage are a corrupt-store finding, a dimension past long is refused as a type; nothing is allocated
    /// for them.</summary>
    [Theory, MemberData(nameof(HugeLengths))]
    public void Hdf5_DimensionSize_IsAFinding(ulong rows)
    {
        using var temp = new TempDirectory();
        var bytes = File.ReadAllBytes(Fixtures.Path(Fixtures.Hdf5.Bad.BigEndianF32));
        Assert.Equal(10UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(832)));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(832), rows);
        var path = temp.Combine("rows.h5");
        File.WriteAllBytes(path, bytes);
        using var reader = Hdf5Reader.Open(path, ReaderOptions.Default);
        var samples = Bounded(() => reader.ReadSamples(CancellationToken.None).Count());
        Assert.NotEmpty(reader.StoreFindings);
        Assert.True(samples <= 10, $"{samples} samples from 10 stored rows");
    }

    /// <summary>DataScrub's own reads of HDF5 metadata (chunk B-tree nodes, fixed-array entries) at a length or address from
    /// the file: refused against the file's length before the buffer is allocated.</summary>
    [Theory, MemberData(nameof(HugeLengths))]
    public void Hdf5MetadataRead_LengthAndAddress_AreCheckedBeforeAllocating(ulong value)
    {
        using var handle = File.OpenHandle(Fixtures.Path(Fixtures.Hdf5.Bad.ChunkedGzipF32));
        var metadata = new Hdf5MetadataReader(handle, Hdf5Superblock.Read(handle));
        Assert.Throws<InvalidDataException>(() => Bounded(() => metadata.Read(0, (int)Math.Min(value, int.MaxValue), "chunk B-tree node")));
        Assert.Throws<InvalidDataException>(() => Bounded(() => metadata.Read(value, 16, "chunk B-tree node")));
    }

    /// <summary>Size fields of each image container: PNG IHDR width/height and a chunk length, a JPEG segment length,
    /// GIF and BMP dimensions, a WebP chunk size. Each is a verdict (image-too-large, corrupt, truncated), never a decode of
    /// that many pixels.</summary>
    [Theory, MemberData(nameof(HugeLengths))]
    public void Images_SizeFields_AreVerdicts(ulong value)
    {
        var png = File.ReadAllBytes(Fixtures.Path(Fixtures.Images.Good.Dog001Png));
        var jpeg = File.ReadAllBytes(Fixtures.Path(Fixtures.Images.Good.Bird000Jpeg));
        var gif = File.ReadAllBytes(Fixtures.Path(Fixtures.Images.Good.Bird002Gif));
        var bmp = File.ReadAllBytes(Fixtures.Path(Fixtures.Images.Good.Cat003Bmp));
        var webp = File.ReadAllBytes(Fixtures.Path(Fixtures.Images.Good.Bird003Webp));
        var v32 = (uint)Math.Min(value, uint.MaxValue);
        var cases = new List<(string What, byte[] Bytes)>
        {
            ("PNG IHDR width", WithPngIhdr(png, 16, v32)),
            ("PNG IHDR height", WithPngIhdr(png, 20, v32)),
            ("PNG chunk length", With(png, b => BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(33), v32))),
            ("JPEG segment length", With(jpeg, b => BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(4), (ushort)Math.Min(value, ushort.MaxValue)))),
            ("GIF frame width", With(gif, b => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(GifFirstFrame(b) + 5), ushort.MaxValue))),
            ("BMP width", With(bmp, b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(18), v32))),
            // A BMP height is signed (negative: rows top-down), so 2^32-1 is a valid 1-row image: the largest positive instead.
            ("BMP height", With(bmp, b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(22), Math.Min(v32, int.MaxValue)))),
            ("BMP pixel offset", With(bmp, b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(10), v32))),
            ("WebP RIFF size", With(webp, b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), v32))),
            ("WebP chunk size", With(webp, b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(16), v32))),
        };
        foreach (var (what, bytes) in cases)
        {
            var result = Bounded(() => ImageInspector.Inspect(bytes, ImageInspectionOptions.Default));
            Assert.True(result.Problems.Count > 0, $"{what} {value}: no problem reported");
        }
    }

    /// <summary>Offset of the first image descriptor (0x2C) after the header, screen descriptor, global colour table and any
    /// extensions of a GIF.</summary>
    private static int GifFirstFrame(byte[] gif)
    {
        var p = 13 + ((gif[10] & 0x80) != 0 ? 3 << ((gif[10] & 7) + 1) : 0);
        while (gif[p] == 0x21)
        {
            p += 2;
            while (gif[p] != 0) p += gif[p] + 1;
            p++;
        }
        Assert.Equal(0x2C, gif[p]);
        return p;
    }

    private static byte[] With(byte[] original, Action<byte[]> change)
    {
        var copy = (byte[])original.Clone();
        change(copy);
        return copy;
    }

    /// <summary>IHDR's width (offset 16) or height (20) set, with the chunk's CRC recomputed so the size is what is judged.</summary>
    private static byte[] WithPngIhdr(byte[] png, int offset, uint value) => With(png, b =>
    {
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(offset), value);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(29), Crc32.HashToUInt32(b.AsSpan(12, 17)));
    });

    [Theory, MemberData(nameof(HugeLengths))]
    public void MeanFile_DataLengthAndShape_AreRefused(ulong length)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("mean.binaryproto");
        // data (field 5, packed floats) whose length runs past the file
        File.WriteAllBytes(path, [0x08, 0x01, 0x2a, .. Varint(length), 0, 0, 0x80, 0x3f]);
        Assert.Throws<DataScrubException>(() => Bounded(() => CaffeMeanFile.Read(path)));
        // a shape of 1 x 1 x N x N with no values behind it
        var dim = (long)Math.Min(length, long.MaxValue);
        File.WriteAllBytes(path, new BlobProto { Shape = new BlobShape { Dim = { 1, 1, dim, dim } } }.ToByteArray());
        Assert.Throws<DataScrubException>(() => Bounded(() => CaffeMeanFile.Read(path)));
    }

    /// <summary>Listfile labels of 2^31.. and -1: labels are int64 in DataScrub and int32 in Caffe; what does not parse is
    /// an unreadable-record finding, a negative one label-out-of-range.</summary>
    [Theory]
    [InlineData("2147483648", null)]
    [InlineData("4294967295", null)]
    [InlineData("9223372036854775808", "unreadable-record")]
    [InlineData("18446744073709551615", "unreadable-record")]
    [InlineData("-1", "label-out-of-range")]
    public void ListFile_HugeLabels_AreReadOrReported(string label, string? kind)
    {
        using var temp = new TempDirectory();
        var list = temp.Combine("train.txt");
        File.WriteAllText(list, $"bird/bird_000.jpg {label}\n");
        using var reader = ImageFolderReader.Open(list, Fixtures.Path(Fixtures.Images.Tree), null, null);
        var samples = reader.ReadSamples(CancellationToken.None).ToList();
        if (kind is null) Assert.Equal(long.Parse(label, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(samples).Label);
        else Assert.Equal(kind, Assert.Single(reader.StoreFindings).Kind.Name);
    }

    [Theory]
    [InlineData("layer { inner_product_param { axis: 2147483648 } }")]
    [InlineData("layer { inner_product_param { axis: 4294967295 } }")]
    [InlineData("layer { inner_product_param { axis: 9223372036854775808 } }")]
    [InlineData("layer { convolution_param { num_output: -1 } }")]
    [InlineData("layer { convolution_param { num_output: 4294967296 } }")]
    [InlineData("layer { top: \"\\777777777777777777777777777777\" }")]
    public void TextFormat_OutOfRangeNumbers_AreTextFormatErrors(string text) =>
        Assert.Throws<TextFormatException>(() => Bounded(() => TextFormatParser.Parse<NetParameter>(text, "net.prototxt")));
}
