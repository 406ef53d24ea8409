using System.Text.Json;
using DataScrub.Findings;
using DataScrub.Formats.LevelDb;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.LevelDb;

/// <summary>The reader against databases written by real LevelDB (plyvel 1.5 / LevelDB 1.23).</summary>
public class LevelDbFixtureTests
{
    [Theory]
    [InlineData(Fixtures.LevelDb.Bad.Mixed)]
    [InlineData(Fixtures.LevelDb.Good.Uncompressed)]
    public void ReadSamples_PlyvelDatabase_GivesExactlyPlyvelsLiveRecords(string fixture)
    {
        var dir = Fixtures.Path(fixture);
        var expected = LiveRecords.Load(Fixtures.Path(Fixtures.Live(fixture)));

        using var reader = LevelDbReader.Open(dir);
        var read = reader.ReadSamples(CancellationToken.None).Select(s => LiveRecords.Of(s.Key.Span, s.Record.Span)).ToList();

        Assert.Equal(expected, read);
        Assert.Empty(reader.StoreFindings);
        Assert.Null(reader.Info.ExpectedSamples);
    }

    [Fact]
    public void Mixed_HasTheStructureThatMakesItATest()
    {
        using var reader = LevelDbReader.Open(Fixtures.Path(Fixtures.LevelDb.Bad.Mixed));

        // Tables on three levels and a live log: a reader that skips any of them, or ignores sequence
        // numbers or tombstones, would not match plyvel's live set above.
        Assert.Equal([0, 1, 2], reader.TablesPerLevel.Keys.Order());
        var log = Assert.Single(reader.LiveLogs);
        Assert.True(new FileInfo(log).Length > 32 * 1024, "the live log spans more than one 32 KiB block");
    }

    [Fact]
    public void ReadSamples_Fixture_ChangesNothingInTheDirectory()
    {
        using var temp = new TempDirectory();
        var copy = temp.CopyDirectory(Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "db");
        var before = TempDirectory.Snapshot(copy);

        using (var reader = LevelDbReader.Open(copy))
            Assert.Equal(40, reader.ReadSamples(CancellationToken.None).Count());

        Assert.Equal(before, TempDirectory.Snapshot(copy));
    }

    [Fact]
    public void ReadSamples_FlippedByteInATable_IsCorruptStoreThereAndTheRestStillReads()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Expected(Fixtures.LevelDb.Bad.Damaged))));
        var expected = doc.RootElement;

        using var reader = LevelDbReader.Open(Fixtures.Path(Fixtures.LevelDb.Bad.Damaged));
        var read = reader.ReadSamples(CancellationToken.None).Select(s => LiveRecords.Of(s.Key.Span, s.Record.Span)).ToList();

        var finding = Assert.Single(reader.StoreFindings);
        Assert.Equal(FindingKinds.CorruptStore, finding.Kind);
        Assert.Equal(expected.GetProperty("file").GetString(), finding.File);
        Assert.Equal(expected.GetProperty("block_offset").GetInt64(), finding.Offset);
        Assert.Contains("checksum mismatch", finding.Message);
        Assert.Equal(LiveRecords.FromArray(expected.GetProperty("surviving")), read);
    }

    [Fact]
    public void ReadSamples_TornLiveLog_WarnsAndKeepsWhatWasWritten()
    {
        using var temp = new TempDirectory();
        var copy = temp.CopyDirectory(Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "db");
        var log = Directory.GetFiles(copy, "*.log").Single();
        // Cut inside the batch that spans the first block boundary (FIRST at 380, LAST at 32768).
        File.WriteAllBytes(log, File.ReadAllBytes(log)[..33000]);

        using var reader = LevelDbReader.Open(copy);
        var keys = reader.ReadSamples(CancellationToken.None).Select(s => s.DisplayId).ToList();

        var torn = Assert.Single(reader.StoreFindings);
        Assert.Equal((FindingKinds.TornLogRecord, Path.GetFileName(log), Severity.Warning), (torn.Kind, torn.File, torn.Severity));
        // The lost batch held 17's final put (its L1 tombstone now wins), 31's final put (its clean L2 decoy
        // resurfaces) and the 31_deleted decoy; the rest of the log (put 5, two deletes) comes before the cut.
        Assert.Equal(39, keys.Count);
        Assert.DoesNotContain("00000017_bird/0017.jpg", keys);
        Assert.Contains("00000031_cat/0031.jpg", keys);
    }

    [Fact]
    public void ReadSamples_TruncatedTable_IsCorruptStoreNamingIt()
    {
        using var temp = new TempDirectory();
        var copy = temp.CopyDirectory(Fixtures.Path(Fixtures.LevelDb.Good.Uncompressed), "db");
        var table = Path.Combine(copy, "000005.ldb");
        File.WriteAllBytes(table, File.ReadAllBytes(table)[..1000]);

        using var reader = LevelDbReader.Open(copy);
        var count = reader.ReadSamples(CancellationToken.None).Count();

        Assert.Contains(reader.StoreFindings, f => f.Kind == FindingKinds.CorruptStore && f.File == "000005.ldb" && f.Message.Contains("2871"));
        Assert.InRange(count, 1, 19);
    }

    [Fact]
    public void ReadSamples_LegacySstTableNames_AreRead()
    {
        using var temp = new TempDirectory();
        var copy = temp.CopyDirectory(Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "db");
        foreach (var table in Directory.GetFiles(copy, "*.ldb"))
            File.Move(table, Path.ChangeExtension(table, ".sst"));

        using var reader = LevelDbReader.Open(copy);
        var read = reader.ReadSamples(CancellationToken.None).Select(s => LiveRecords.Of(s.Key.Span, s.Record.Span)).ToList();

        Assert.Equal(LiveRecords.Load(Fixtures.Path(Fixtures.Live(Fixtures.LevelDb.Bad.Mixed))), read);
        Assert.Empty(reader.StoreFindings);
    }

    [Fact]
    public void ReadSamples_ZstdBlock_IsUnsupportedFilterAndTheRestStillReads()
    {
        using var temp = new TempDirectory();
        var copy = temp.CopyDirectory(Fixtures.Path(Fixtures.LevelDb.Good.Uncompressed), "db");
        // Mark the first data block of 000005.ldb as zstd (type 2), with a CRC that matches, as LevelDB 1.24+ writes it.
        var table = Path.Combine(copy, "000005.ldb");
        var bytes = File.ReadAllBytes(table);
        var footer = bytes.AsSpan(bytes.Length - TableFooter.Size);
        Assert.True(TableFooter.TryDecode(footer, out var parsed, out _));
        var index = BlockIterator.Create(bytes[(int)parsed.Index.Offset..(int)(parsed.Index.Offset + parsed.Index.Size)], (int)parsed.Index.Size, out _)!;
        Assert.True(index.MoveNext(out _));
        var p = 0;
        Assert.True(BlockHandle.TryDecode(index.Value, ref p, out var first));
        var size = (int)first.Size;
        bytes[(int)first.Offset + size] = 2;
        var crc = LevelDbCrc32C.Finish(LevelDbCrc32C.Append(LevelDbCrc32C.Append(LevelDbCrc32C.Start, bytes.AsSpan((int)first.Offset, size)), 2));
        BitConverter.TryWriteBytes(bytes.AsSpan((int)first.Offset + size + 1), LevelDbCrc32C.Mask(crc));
        File.WriteAllBytes(table, bytes);

        using var reader = LevelDbReader.Open(copy);
        var count = reader.ReadSamples(CancellationToken.None).Count();

        var finding = Assert.Single(reader.StoreFindings);
        Assert.Equal((FindingKinds.UnsupportedFilter, "000005.ldb", (long)first.Offset), (finding.Kind, finding.File, finding.Offset));
        Assert.Contains("zstd", finding.Message);
        Assert.InRange(count, 10, 19);
    }

    [Fact]
    public void ReadSamples_EveryByteOfEveryTableFlipped_NeverThrows()
    {
        using var temp = new TempDirectory();
        var copy = temp.CopyDirectory(Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "db");
        foreach (var table in Directory.GetFiles(copy, "*.ldb"))
        {
            var original = File.ReadAllBytes(table);
            for (var i = 0; i < original.Length; i += 7)
            {
                var damaged = (byte[])original.Clone();
                damaged[i] ^= 0x5a;
                File.WriteAllBytes(table, damaged);
                using var reader = LevelDbReader.Open(copy);
                var count = reader.ReadSamples(CancellationToken.None).Count();
                Assert.True(reader.StoreFindings.Count > 0 || count == 40, $"{Path.GetFileName(table)}@{i}: {count} records and no finding");
            }
            File.WriteAllBytes(table, original);
        }
    }
}
