using System.Buffers.Binary;
using System.Text;
using CsCheck;
using DataScrub.Findings;
using DataScrub.Formats.LevelDb;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.LevelDb;

public class LevelDbWriterReaderTests
{
    [Fact]
    public void WriteThenRead_AnySortedRecords_ComeBackIdentical()
    {
        var gen = Gen.Byte.Array[1, 20].Select(Gen.Byte.Array[0, 3000]).List[0, 300].Select(Gen.Bool);
        gen.Sample((records, compress) =>
        {
            using var temp = new TempDirectory();
            var expected = Sorted(records);
            var dir = Write(temp.Combine("db"), expected, new LevelDbWriterOptions { BlockSize = 1024, TableSize = 16 * 1024, Compress = compress });

            Assert.Equal(expected.Select(Hex), ReadAll(dir, out var findings).Select(Hex));
            Assert.Empty(findings);
        }, iter: 40);
    }

    [Fact]
    public void Write_ManyRecords_RollsTablesAtTheTargetSize()
    {
        using var temp = new TempDirectory();
        var random = new Random(7);
        var records = Enumerable.Range(0, 2000).Select(i =>
        {
            var value = new byte[1000];
            if (i % 2 == 0) random.NextBytes(value); // odd records are all zeros: Snappy shrinks their blocks
            return (Encoding.UTF8.GetBytes($"{i:D8}_x"), value);
        }).ToList();

        var dir = Write(temp.Combine("db"), records, new LevelDbWriterOptions { TableSize = 256 * 1024 });

        var tables = Directory.GetFiles(dir, "*.ldb");
        var onDisk = tables.Sum(t => new FileInfo(t).Length);
        Assert.InRange(onDisk, 1_000_000, 1_500_000);
        Assert.InRange(tables.Length, (int)(onDisk / (256 * 1024)), (int)(onDisk / (256 * 1024)) + 1);
        using var reader = LevelDbReader.Open(dir);
        Assert.Equal(new Dictionary<int, int> { [6] = tables.Length }, reader.TablesPerLevel);
        Assert.Equal(2000, ReadAll(dir, out _).Count);
    }

    [Fact]
    public void Put_KeyNotIncreasing_Throws()
    {
        using var temp = new TempDirectory();
        using var writer = LevelDbWriter.Create(temp.Combine("db"));
        writer.Put("b"u8, []);

        Assert.Throws<ArgumentException>(() => writer.Put("b"u8, []));
        Assert.Throws<ArgumentException>(() => writer.Put("a"u8, []));
    }

    [Fact]
    public void Create_IntoNonEmptyDirectory_Refuses()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("keep.txt"), "x");

        Assert.Throws<IOException>(() => LevelDbWriter.Create(temp.Path));
        Assert.Equal(["keep.txt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Read_LiveLogOverTables_NewestVersionWinsAndTombstonesHide()
    {
        using var temp = new TempDirectory();
        var records = Enumerable.Range(0, 100).Select(i => (Encoding.UTF8.GetBytes($"k{i:D3}"), Encoding.UTF8.GetBytes($"old{i}"))).ToList();
        var dir = Write(temp.Combine("db"), records, new LevelDbWriterOptions { TableSize = 1024, BlockSize = 256 });
        // The writer's manifest names log number = (last table + 1): a log with that number is live.
        var logNumber = Directory.GetFiles(dir, "*.ldb").Select(f => ulong.Parse(Path.GetFileNameWithoutExtension(f))).Max() + 1;
        using (var log = File.Create(Path.Combine(dir, $"{logNumber:D6}.log")))
        {
            var writer = new LogWriter(log);
            writer.AddRecord(Batch(101, ("k005", "new5"), ("k010", null), ("k999", "added")));
            writer.AddRecord(Batch(104, ("k010", "back10"), ("k020", null), ("k005", "newer5")));
        }

        var read = ReadAll(dir, out var findings).ToDictionary(r => Encoding.UTF8.GetString(r.Key), r => Encoding.UTF8.GetString(r.Value));

        Assert.Empty(findings);
        Assert.Equal(100, read.Count); // 100 - k020 + k999
        Assert.Equal("newer5", read["k005"]);
        Assert.Equal("back10", read["k010"]);
        Assert.False(read.ContainsKey("k020"));
        Assert.Equal("added", read["k999"]);
        Assert.Equal("old50", read["k050"]);
    }

    [Fact]
    public void Read_LogCutMidRecord_WarnsTornAndKeepsEarlierWrites()
    {
        using var temp = new TempDirectory();
        var dir = Write(temp.Combine("db"), [("a"u8.ToArray(), "1"u8.ToArray())], new LevelDbWriterOptions());
        var logPath = Path.Combine(dir, "000003.log");
        using (var log = File.Create(logPath))
        {
            var writer = new LogWriter(log);
            writer.AddRecord(Batch(2, ("b", "2")));
            writer.AddRecord(Batch(3, ("c", new string('3', 5000))));
        }
        File.WriteAllBytes(logPath, File.ReadAllBytes(logPath)[..^100]);

        var read = ReadAll(dir, out var findings).Select(r => Encoding.UTF8.GetString(r.Key)).ToList();

        Assert.Equal(["a", "b"], read);
        var torn = Assert.Single(findings);
        Assert.Equal(FindingKinds.TornLogRecord, torn.Kind);
        Assert.Equal("000003.log", torn.File);
    }

    [Fact]
    public void Read_NothingInTheDirectoryChanges()
    {
        using var temp = new TempDirectory();
        var dir = Write(temp.Combine("db"), [("a"u8.ToArray(), "1"u8.ToArray())], new LevelDbWriterOptions());
        var before = TempDirectory.Snapshot(dir);

        ReadAll(dir, out _);

        Assert.Equal(before, TempDirectory.Snapshot(dir));
        Assert.False(File.Exists(Path.Combine(dir, "LOCK")));
    }

    [Fact]
    public void Open_OtherComparator_RefusesClearly()
    {
        using var temp = new TempDirectory();
        var dir = Directory.CreateDirectory(temp.Combine("db")).FullName;
        using (var manifest = File.Create(Path.Combine(dir, "MANIFEST-000001")))
            new LogWriter(manifest).AddRecord(new VersionEdit { Comparator = "caffe.ReverseComparator", LogNumber = 2, NextFileNumber = 3, LastSequence = 0 }.Encode());
        File.WriteAllText(Path.Combine(dir, "CURRENT"), "MANIFEST-000001\n");

        var e = Assert.Throws<DatasetUnreadableException>(() => LevelDbReader.Open(dir));

        Assert.Contains("\"caffe.ReverseComparator\"", e.Message);
        Assert.Contains("leveldb.BytewiseComparator", e.Message);
    }

    [Theory]
    [InlineData(null, "no CURRENT file")]
    [InlineData("garbage", "CURRENT does not name a manifest")]
    [InlineData("MANIFEST-000009\n", "CURRENT names MANIFEST-000009, which does not exist")]
    public void Open_BadCurrent_RefusesClearly(string? current, string message)
    {
        using var temp = new TempDirectory();
        if (current is not null) File.WriteAllText(temp.Combine("CURRENT"), current);

        var e = Assert.Throws<DatasetUnreadableException>(() => LevelDbReader.Open(temp.Path));

        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Open_DamagedManifest_RefusesWithTheOffset()
    {
        using var temp = new TempDirectory();
        var dir = Write(temp.Combine("db"), [("a"u8.ToArray(), "1"u8.ToArray())], new LevelDbWriterOptions());
        var manifest = Path.Combine(dir, "MANIFEST-000001");
        var bytes = File.ReadAllBytes(manifest);
        bytes[10] ^= 0xff;
        File.WriteAllBytes(manifest, bytes);

        var e = Assert.Throws<DatasetUnreadableException>(() => LevelDbReader.Open(dir));

        Assert.Contains("MANIFEST-000001 is damaged at offset 0: checksum mismatch", e.Message);
    }

    [Fact]
    public void Read_MissingTable_IsCorruptStoreAndOtherTablesStillRead()
    {
        using var temp = new TempDirectory();
        var records = Enumerable.Range(0, 300).Select(i => (Encoding.UTF8.GetBytes($"k{i:D3}"), new byte[200])).ToList();
        var dir = Write(temp.Combine("db"), records, new LevelDbWriterOptions { TableSize = 8 * 1024, BlockSize = 1024, Compress = false });
        var tables = Directory.GetFiles(dir, "*.ldb").Order().ToList();
        File.Delete(tables[1]);

        var read = ReadAll(dir, out var findings);

        var finding = Assert.Single(findings);
        Assert.Equal((FindingKinds.CorruptStore, Path.GetFileName(tables[1])), (finding.Kind, finding.File));
        Assert.Contains("is missing", finding.Message);
        Assert.InRange(read.Count, 200, 299);
    }

    internal static List<(byte[] Key, byte[] Value)> Sorted(IEnumerable<(byte[], byte[])> records) =>
        records.DistinctBy(r => Convert.ToHexString(r.Item1))
            .OrderBy(r => r.Item1, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))
            .ToList();

    internal static string Write(string dir, IEnumerable<(byte[] Key, byte[] Value)> records, LevelDbWriterOptions options)
    {
        using var writer = LevelDbWriter.Create(dir, options);
        foreach (var (k, v) in records) writer.Put(k, v);
        writer.Complete();
        return dir;
    }

    internal static List<(byte[] Key, byte[] Value)> ReadAll(string dir, out IReadOnlyList<Finding> findings)
    {
        using var reader = LevelDbReader.Open(dir);
        var read = reader.ReadSamples(CancellationToken.None).Select(s => (s.Key.ToArray(), s.Record.ToArray())).ToList();
        findings = reader.StoreFindings;
        return read;
    }

    private static string Hex((byte[] Key, byte[] Value) r) => Convert.ToHexString(r.Key) + "=" + Convert.ToHexString(r.Value);

    /// <summary>A WriteBatch: puts (value) and deletes (null), sequence numbers from <paramref name="sequence"/>.</summary>
    private static byte[] Batch(ulong sequence, params (string Key, string? Value)[] entries)
    {
        using var output = new MemoryStream();
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)entries.Length);
        output.Write(header);
        foreach (var (key, value) in entries)
        {
            output.WriteByte(value is null ? InternalKey.TypeDeletion : InternalKey.TypeValue);
            LevelDbCoding.WriteLengthPrefixed(output, Encoding.UTF8.GetBytes(key));
            if (value is not null) LevelDbCoding.WriteLengthPrefixed(output, Encoding.UTF8.GetBytes(value));
        }
        return output.ToArray();
    }
}
