using System.Text;
using DataScrub.Formats.LevelDb;
using DataScrub.Formats.Lmdb;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.LevelDb;

/// <summary>
/// Writes LevelDBs with DataScrub's writer and checks them with DataScrub's reader. When
/// <c>DATASCRUB_INTEROP_DIR</c> is set (.ci/run sets it), the databases and their expected live sets are
/// also left there, and .ci/run has real LevelDB (plyvel, fixtures/leveldb_interop.py) read them back.
/// </summary>
public class LevelDbInteropOutputTests
{
    public const string InteropVariable = "DATASCRUB_INTEROP_DIR";

    [Fact]
    public void Write_TheLmdbFixtureRecords_ReadsBackIdentically()
    {
        List<(byte[], byte[])> records;
        using (var lmdb = LmdbReader.Open(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed)))
            records = lmdb.ReadSamples(CancellationToken.None).Select(s => (s.Key.ToArray(), s.Record.ToArray())).ToList();

        WriteAndCheck("caffe_mixed", records, new LevelDbWriterOptions());
    }

    [Fact]
    public void Write_ManyTablesMixedCompression_ReadsBackIdentically()
    {
        var random = new Random(11);
        var records = Enumerable.Range(0, 3000).Select(i =>
        {
            var value = new byte[random.Next(0, 4000)];
            if (i % 3 != 0) random.NextBytes(value); // every third value is zeros: its blocks are Snappy-compressed
            return (Encoding.UTF8.GetBytes($"{i:D8}_img/{i}.png"), value);
        }).ToList();

        WriteAndCheck("many_tables", records, new LevelDbWriterOptions { TableSize = 512 * 1024, BlockSize = 16 * 1024 });
    }

    private static void WriteAndCheck(string name, List<(byte[] Key, byte[] Value)> records, LevelDbWriterOptions options)
    {
        using var temp = new TempDirectory();
        var outputRoot = Environment.GetEnvironmentVariable(InteropVariable);
        var dir = outputRoot is null ? temp.Combine(name) : Path.Combine(outputRoot, name);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);

        LevelDbWriterReaderTests.Write(dir, records, options);
        var read = LevelDbWriterReaderTests.ReadAll(dir, out var findings);

        Assert.Empty(findings);
        Assert.Equal(records.Select(r => LiveRecords.Of(r.Key, r.Value)), read.Select(r => LiveRecords.Of(r.Key, r.Value)));
        if (outputRoot is not null) LiveRecords.Save(Path.Combine(outputRoot, name + ".live.json"), records);
    }
}
