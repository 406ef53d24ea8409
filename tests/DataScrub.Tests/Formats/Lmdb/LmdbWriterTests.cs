using System.Text;
using DataScrub.Formats.Lmdb;
using DataScrub.Tests.Formats.LevelDb;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Lmdb;

/// <summary>
/// Writes LMDBs with <see cref="LmdbWriter"/> and reads them back with <see cref="LmdbReader"/>. py-lmdb
/// reads the writer's output in CI through the rebuilds of fixtures/rebuild_fixtures.sh.
/// </summary>
public class LmdbWriterTests
{

    [Fact]
    public void Write_3000RecordsFromATinyMap_GrowsTheMapAndReadsBackIdentically()
    {
        var records = VariedRecords(3000);
        using var temp = new TempDirectory();
        var dir = temp.Combine("out");

        int growths;
        using (var writer = LmdbWriter.Create(dir, new LmdbWriterOptions { InitialMapSize = 64 * 1024, RecordsPerTransaction = 100 }))
        {
            foreach (var (key, value) in records) writer.Put(key, value);
            writer.Complete();
            Assert.Equal(3000, writer.Count);
            growths = writer.MapGrowths;
        }

        Assert.True(growths >= 5, $"the map grew {growths} times");
        Assert.Equal(["data.mdb"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
        using (var reader = LmdbReader.Open(dir))
        {
            Assert.Equal(3000, reader.Info.ExpectedSamples);
            Assert.Equal(Listed(records), ReadAll(reader));
        }
    }

    [Fact]
    public void Write_ByteLimitCommitsEarly_StillReadsBackIdentically()
    {
        var records = VariedRecords(500);
        using var temp = new TempDirectory();
        var dir = temp.Combine("out");

        Write(dir, records, new LmdbWriterOptions { BytesPerTransaction = 30_000, InitialMapSize = 64 * 1024 });

        using var reader = LmdbReader.Open(dir);
        Assert.Equal(Listed(records), ReadAll(reader));
    }

    [Fact]
    public void Write_TheCaffeMixedFixture_RoundTripsEveryRecord()
    {
        List<(byte[], byte[])> records;
        using (var source = LmdbReader.Open(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed)))
            records = source.ReadSamples(CancellationToken.None).Select(s => (s.Key.ToArray(), s.Record.ToArray())).ToList();
        using var temp = new TempDirectory();
        var dir = temp.Combine("copy");

        Write(dir, records, new LmdbWriterOptions());

        using var reader = LmdbReader.Open(dir);
        Assert.Equal(40, reader.Info.ExpectedSamples);
        Assert.Equal(Listed(records), ReadAll(reader));
    }

    [Fact]
    public void Complete_WithoutRecords_IsAnEmptyDatabase()
    {
        using var temp = new TempDirectory();
        var dir = temp.Combine("empty");

        Write(dir, [], new LmdbWriterOptions());

        using var reader = LmdbReader.Open(dir);
        Assert.Equal(0, reader.Info.ExpectedSamples);
        Assert.Empty(ReadAll(reader));
    }

    [Theory]
    [InlineData("00000002_b", "00000001_a")]
    [InlineData("00000002_b", "00000002_b")]
    [InlineData("00000002_b", "00000002_")]
    public void Put_KeyNotGreaterThanThePrevious_ThrowsNamingTheKeyInHex(string first, string second)
    {
        using var temp = new TempDirectory();
        using var writer = LmdbWriter.Create(temp.Combine("out"));
        writer.Put(Encoding.ASCII.GetBytes(first), [1]);

        var e = Assert.Throws<ArgumentException>(() => writer.Put(Encoding.ASCII.GetBytes(second), [2]));

        Assert.Contains(Convert.ToHexString(Encoding.ASCII.GetBytes(second)), e.Message);
        Assert.Contains(Convert.ToHexString(Encoding.ASCII.GetBytes(first)), e.Message);
        Assert.Equal(1, writer.Count);
    }

    [Fact]
    public void Put_AfterARejectedKey_ContinuesWithTheNextValidOne()
    {
        using var temp = new TempDirectory();
        var dir = temp.Combine("out");
        using (var writer = LmdbWriter.Create(dir))
        {
            writer.Put("b"u8, [1]);
            Assert.Throws<ArgumentException>(() => writer.Put("a"u8, [2]));
            writer.Put("c"u8, [3]);
            writer.Complete();
        }

        using var reader = LmdbReader.Open(dir);
        Assert.Equal([("62", "01"), ("63", "03")], ReadAll(reader));
    }

    [Fact]
    public void Put_EmptyOrOversizedKey_ThrowsArgumentException()
    {
        using var temp = new TempDirectory();
        using var writer = LmdbWriter.Create(temp.Combine("out"));

        Assert.Throws<ArgumentException>(() => writer.Put([], [1]));
        var e = Assert.Throws<ArgumentException>(() => writer.Put(new byte[512], [1]));
        Assert.Contains("512", e.Message);
    }

    [Fact]
    public void Create_IntoANonEmptyDirectory_ThrowsAndWritesNothing()
    {
        using var temp = new TempDirectory();
        var dir = temp.Combine("taken");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "keep.txt"), "mine");
        var before = TempDirectory.Snapshot(dir);

        var e = Assert.Throws<IOException>(() => LmdbWriter.Create(dir));

        Assert.Contains(dir, e.Message);
        Assert.Equal(before, TempDirectory.Snapshot(dir));
    }

    [Fact]
    public void Create_IntoAnEmptyDirectory_Works()
    {
        using var temp = new TempDirectory();
        var dir = temp.Combine("empty");
        Directory.CreateDirectory(dir);

        Write(dir, [("k"u8.ToArray(), "v"u8.ToArray())], new LmdbWriterOptions());

        using var reader = LmdbReader.Open(dir);
        Assert.Equal([("6B", "76")], ReadAll(reader));
    }

    [Fact]
    public void Dispose_WithoutComplete_LeavesNoDataMdb()
    {
        using var temp = new TempDirectory();
        var dir = temp.Combine("interrupted");
        using (var writer = LmdbWriter.Create(dir, new LmdbWriterOptions { RecordsPerTransaction = 10 }))
            foreach (var (key, value) in VariedRecords(25)) writer.Put(key, value);

        Assert.Equal([LmdbWriter.PartialFileName], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
        Assert.False(new LmdbFormat().IsMatch(dir));
    }

    [Fact]
    public void Put_AfterComplete_ThrowsObjectDisposed()
    {
        using var temp = new TempDirectory();
        using var writer = LmdbWriter.Create(temp.Combine("out"));
        writer.Complete();

        Assert.Throws<ObjectDisposedException>(() => writer.Put("k"u8, []));
    }

    /// <summary>Keys <c>%08d_name</c>; values 0..20 KB, a third of them over 2 KB (LMDB overflow pages).</summary>
    internal static List<(byte[] Key, byte[] Value)> VariedRecords(int count)
    {
        var random = new Random(7);
        return Enumerable.Range(0, count).Select(i =>
        {
            var length = (i % 3) switch { 0 => random.Next(0, 200), 1 => random.Next(200, 2048), _ => random.Next(2048, 20 * 1024 + 1) };
            var value = new byte[length];
            random.NextBytes(value);
            return (Encoding.ASCII.GetBytes($"{i:D8}_name"), value);
        }).ToList();
    }

    private static void Write(string dir, IEnumerable<(byte[] Key, byte[] Value)> records, LmdbWriterOptions options)
    {
        using var writer = LmdbWriter.Create(dir, options);
        foreach (var (key, value) in records) writer.Put(key, value);
        writer.Complete();
    }

    private static List<(string, string)> Listed(IEnumerable<(byte[] Key, byte[] Value)> records) =>
        records.Select(r => (Convert.ToHexString(r.Key), Convert.ToHexString(r.Value))).ToList();

    private static List<(string, string)> ReadAll(LmdbReader reader) =>
        reader.ReadSamples(CancellationToken.None).Select(s => (Convert.ToHexString(s.Key.Span), Convert.ToHexString(s.Record.Span))).ToList();
}
