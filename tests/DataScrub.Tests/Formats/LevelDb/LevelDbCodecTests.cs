using System.Text;
using CsCheck;
using DataScrub.Formats.LevelDb;

namespace DataScrub.Tests.Formats.LevelDb;

/// <summary>The building blocks of LevelDB's format: checksums, blocks, logs, version edits.</summary>
public class LevelDbCodecTests
{
    [Fact]
    public void Crc32C_StandardCheckValue() =>
        Assert.Equal(0xE3069283u, LevelDbCrc32C.Compute("123456789"u8));

    [Fact]
    public void Crc32C_MaskIsInvertibleAndChangesTheValue() =>
        Gen.UInt.Sample(crc =>
        {
            Assert.Equal(crc, LevelDbCrc32C.Unmask(LevelDbCrc32C.Mask(crc)));
            Assert.NotEqual(crc, LevelDbCrc32C.Mask(crc));
        }, iter: 10000);

    [Fact]
    public void Crc32C_IncrementalEqualsWhole() =>
        Gen.Byte.Array[0, 100].Select(Gen.Int[0, 100]).Sample((bytes, cut) =>
        {
            cut = Math.Min(cut, bytes.Length);
            var state = LevelDbCrc32C.Append(LevelDbCrc32C.Append(LevelDbCrc32C.Start, bytes.AsSpan(0, cut)), bytes.AsSpan(cut));
            Assert.Equal(LevelDbCrc32C.Compute(bytes), LevelDbCrc32C.Finish(state));
        });

    [Fact]
    public void Block_BuildThenIterate_ReturnsEveryEntryInOrder()
    {
        var gen = Gen.Byte.Array[0, 12].Select(Gen.Byte.Array[0, 40]).List[0, 200].Select(Gen.Int[1, 20]);
        gen.Sample((entries, restartInterval) =>
        {
            var sorted = entries.DistinctBy(e => Convert.ToHexString(e.Item1))
                .OrderBy(e => e.Item1, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))).ToList();
            var builder = new BlockBuilder(restartInterval);
            foreach (var (k, v) in sorted) builder.Add(k, v);
            var block = builder.Finish();

            var iterator = BlockIterator.Create(block, block.Length, out var error)!;
            Assert.Null(error);
            var read = new List<(string, string)>();
            while (iterator.MoveNext(out error)) read.Add((Convert.ToHexString(iterator.Key), Convert.ToHexString(iterator.Value)));
            Assert.Null(error);
            Assert.Equal(sorted.Select(e => (Convert.ToHexString(e.Item1), Convert.ToHexString(e.Item2))), read);
        }, iter: 500);
    }

    [Fact]
    public void Block_AnyDamage_EndsWithAnErrorOrValidEntries_NeverThrows()
    {
        var builder = new BlockBuilder(4);
        for (var i = 0; i < 50; i++) builder.Add(Encoding.UTF8.GetBytes($"key{i:D4}"), Encoding.UTF8.GetBytes(new string('v', i)));
        var original = builder.Finish();
        Gen.Int[0, original.Length - 1].Select(Gen.Byte).Sample((position, value) =>
        {
            var block = (byte[])original.Clone();
            block[position] = value;
            var iterator = BlockIterator.Create(block, block.Length, out _);
            if (iterator is null) return;
            var count = 0;
            while (iterator.MoveNext(out _) && count < 10_000) count++;
            Assert.True(count < 10_000);
        }, iter: 3000);
    }

    [Fact]
    public void Log_WriteThenRead_ReturnsEveryRecordAcrossBlockBoundaries()
    {
        // Records up to 100 KiB: FULL, FIRST/MIDDLE/LAST fragments and block trailers all occur.
        Gen.Byte.Array[0, 100_000].List[0, 12].Sample(records =>
        {
            using var stream = new MemoryStream();
            var writer = new LogWriter(stream);
            foreach (var r in records) writer.AddRecord(r);
            stream.Position = 0;
            var reader = new LogReader(stream);
            var problems = 0;
            reader.Corruption += (_, _, _) => problems++;
            reader.Torn += (_, _) => problems++;

            var read = new List<byte[]>();
            while (reader.ReadRecord() is { } r) read.Add(r);

            Assert.Equal(0, problems);
            Assert.Equal(records.Select(Convert.ToHexString), read.Select(Convert.ToHexString));
        }, iter: 60);
    }

    [Fact]
    public void Log_CutShort_ReportsATornTailAndKeepsTheCompleteRecords()
    {
        using var stream = new MemoryStream();
        var writer = new LogWriter(stream);
        var records = Enumerable.Range(0, 5).Select(i => Enumerable.Repeat((byte)i, 20_000).ToArray()).ToList();
        foreach (var r in records) writer.AddRecord(r);
        var bytes = stream.ToArray();

        var reader = new LogReader(new MemoryStream(bytes[..^5000]));
        var torn = new List<long>();
        var corrupt = 0;
        reader.Torn += (offset, _) => torn.Add(offset);
        reader.Corruption += (_, _, _) => corrupt++;
        var read = new List<byte[]>();
        while (reader.ReadRecord() is { } r) read.Add(r);

        Assert.Equal(4, read.Count);
        Assert.Single(torn);
        Assert.Equal(0, corrupt);
    }

    [Fact]
    public void Log_FlippedPayloadByte_ReportsChecksumMismatchAndReadsOtherBlocks()
    {
        using var stream = new MemoryStream();
        var writer = new LogWriter(stream);
        for (var i = 0; i < 8; i++) writer.AddRecord(Enumerable.Repeat((byte)i, 10_000).ToArray());
        var bytes = stream.ToArray();
        bytes[LogFormat.BlockSize + 100] ^= 0xff; // inside the second block

        var reader = new LogReader(new MemoryStream(bytes));
        var reasons = new List<(long Offset, string Reason)>();
        reader.Corruption += (offset, _, reason) => reasons.Add((offset, reason));
        var read = new List<byte[]>();
        while (reader.ReadRecord() is { } r) read.Add(r);

        Assert.Contains(reasons, r => r.Reason == "checksum mismatch" && r.Offset >= LogFormat.BlockSize);
        Assert.InRange(read.Count, 4, 7);
        Assert.All(read, r => Assert.True(r.All(b => b == r[0])));
    }

    [Fact]
    public void VersionEdit_EncodeThenDecode_KeepsEveryField()
    {
        var edit = new VersionEdit { Comparator = "leveldb.BytewiseComparator", LogNumber = 9, PrevLogNumber = 0, NextFileNumber = 12, LastSequence = 123456789 };
        edit.DeletedFiles.Add((0, 4));
        edit.NewFiles.Add(new TableFileInfo(6, 7, 2048, InternalKey.Encode("a"u8, 1, 1), InternalKey.Encode("z"u8, 9, 1)));

        var back = VersionEdit.Decode(edit.Encode(), out var error)!;

        Assert.Null(error);
        Assert.Equal((edit.Comparator, edit.LogNumber, edit.PrevLogNumber, edit.NextFileNumber, edit.LastSequence),
            (back.Comparator, back.LogNumber, back.PrevLogNumber, back.NextFileNumber, back.LastSequence));
        Assert.Equal(edit.DeletedFiles, back.DeletedFiles);
        var file = Assert.Single(back.NewFiles);
        Assert.Equal((6, 7UL, 2048UL), (file.Level, file.Number, file.Size));
        Assert.Equal(edit.NewFiles[0].Largest, file.Largest);
    }

    [Fact]
    public void WriteBatch_CountMismatch_IsReported()
    {
        byte[] batch = [1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 1, (byte)'k', 1, (byte)'v'];
        var seen = new List<(string, ulong, byte)>();

        var error = WriteBatchDecoder.Decode(batch, (k, s, t, _) => seen.Add((Encoding.ASCII.GetString(k), s, t)));

        Assert.Equal([("k", 1UL, (byte)1)], seen);
        Assert.Equal("write batch says 2 entries but holds 1", error);
    }
}
