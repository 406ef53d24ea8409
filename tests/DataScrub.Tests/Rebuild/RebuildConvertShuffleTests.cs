using System.Text;
using DataScrub.Cli;
using DataScrub.Formats.LevelDb;
using DataScrub.Formats.Lmdb;
using DataScrub.Samples;
using DataScrub.Tests.Shared;
using PureHDF;

namespace DataScrub.Tests.Rebuild;

/// <summary><c>rebuild --to</c> between LMDB and LevelDB, and <c>--shuffle</c>: the same surviving
/// records, byte for byte, in the order and under the keys asked for.</summary>
public class RebuildConvertShuffleTests
{
    private static List<(string Key, byte[] Value)> Read(DataScrub.Formats.IDatasetReader reader)
    {
        using (reader)
        {
            var records = new List<(string, byte[])>();
            foreach (var s in reader.ReadSamples(CancellationToken.None))
            {
                records.Add((SampleKey.ToDisplay(s.Key.Span), s.Record.ToArray()));
                s.Lease?.Release();
            }
            return records;
        }
    }

    private static List<(string Key, byte[] Value)> Survivors(string destination) =>
        Read(LmdbReader.Open(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed))).Where(r => !Manifest(destination).Contains(r.Key)).ToList();

    private static HashSet<string> Manifest(string destination)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(destination, "datascrub-rebuild.json")));
        return doc.RootElement.GetProperty("dropped").EnumerateArray().Select(d => d.GetProperty("sample").GetString()!).ToHashSet();
    }

    [Fact]
    public void Rebuild_LmdbToLevelDb_WritesTheSameSurvivingRecords()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "--out", destination, "--drop-bad", "--to", "leveldb", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        Assert.True(File.Exists(Path.Combine(destination, "CURRENT")));
        var expected = Survivors(destination);
        Assert.Equal(32, expected.Count);
        var actual = Read(LevelDbReader.Open(destination));
        Assert.Equal(expected.Select(r => r.Key), actual.Select(r => r.Key));
        Assert.All(expected.Zip(actual), p => Assert.Equal(p.First.Value, p.Second.Value));
    }

    [Fact]
    public void Rebuild_LevelDbToLmdb_WritesTheSameSurvivingRecords()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "--out", destination, "--drop-bad", "--to", "lmdb", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        var expected = Survivors(destination);
        var actual = Read(LmdbReader.Open(destination));
        Assert.Equal(expected.Select(r => r.Key), actual.Select(r => r.Key));
        Assert.All(expected.Zip(actual), p => Assert.Equal(p.First.Value, p.Second.Value));
    }

    [Fact]
    public void Rebuild_Shuffle_ReKeysEverySurvivorOnce_DeterministicPerSeed()
    {
        using var temp = new TempDirectory();
        List<(string Key, byte[] Value)> Shuffled(string name, int seed)
        {
            var destination = temp.Combine(name);
            var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "--out", destination, "--drop-bad", "--shuffle", "--seed", seed.ToString(), "--quiet");
            Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
            return Read(LmdbReader.Open(destination));
        }

        var first = Shuffled("a", 7);
        var again = Shuffled("b", 7);
        var other = Shuffled("c", 8);

        Assert.Equal(first.Select(r => r.Key), again.Select(r => r.Key));
        Assert.NotEqual(first.Select(r => r.Key), other.Select(r => r.Key));
        // NNNNNNNN_KEY: positions 0..n-1 in key order, each survivor exactly once with its own bytes.
        Assert.Equal(Enumerable.Range(0, first.Count).Select(i => $"{i:D8}_"), first.Select(r => r.Key[..9]));
        var survivors = Survivors(temp.Combine("a")).ToDictionary(r => r.Key, r => r.Value);
        Assert.Equal(survivors.Keys.Order(), first.Select(r => r.Key[9..]).Order());
        Assert.All(first, r => Assert.Equal(survivors[r.Key[9..]], r.Value));
        Assert.NotEqual(survivors.Keys, first.Select(r => r.Key[9..])); // actually reordered
        Assert.False(Directory.Exists(Path.Combine(temp.Combine("a"), ".shuffle-buffer")));
    }

    [Fact]
    public void Rebuild_ShuffledListfile_HasTheSameLinesInAnotherOrder()
    {
        using var temp = new TempDirectory();
        var plain = temp.Combine("plain");
        var shuffled = temp.Combine("shuffled");
        var list = Fixtures.Path(Fixtures.Images.TrainList);

        Assert.Equal(ExitCodes.Clean, CliRun.InProcess("rebuild", list, "--out", plain, "--drop-bad", "--quiet").ExitCode);
        Assert.Equal(ExitCodes.Clean, CliRun.InProcess("rebuild", list, "--out", shuffled, "--drop-bad", "--shuffle", "--seed", "3", "--quiet").ExitCode);

        var a = File.ReadAllLines(Path.Combine(plain, "train.txt"));
        var b = File.ReadAllLines(Path.Combine(shuffled, "train.txt"));
        Assert.Equal(a.Order(), b.Order());
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Rebuild_ShuffledHdf5_PermutesTheSurvivingRowsWithTheirLabels()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");
        var source = Fixtures.Path(Fixtures.Hdf5.Bad.ChunkedGzipF32);

        var run = CliRun.InProcess("rebuild", source, "--out", destination, "--drop-bad", "--shuffle", "--seed", "5", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        static List<(string Row, int Label)> Rows(string path)
        {
            using var file = H5File.OpenRead(path);
            var data = file.Dataset("data");
            var values = data.Read<float[]>();
            var width = (int)(values.Length / (long)data.Space.Dimensions[0]);
            var labels = file.Dataset("label").Read<int[]>();
            return [.. labels.Select((l, i) => (string.Join(",", values.Skip(i * width).Take(width).Select(v => BitConverter.SingleToInt32Bits(v))), l))];
        }
        var original = Rows(source).Where(r => r.Row.Split(',').All(v => float.IsFinite(BitConverter.Int32BitsToSingle(int.Parse(v))))).ToList();
        var shuffled = Rows(Path.Combine(destination, "chunked_gzip_f32.h5"));
        Assert.Equal(original.Order(), shuffled.Order());
        Assert.NotEqual(original, shuffled);
    }

    [Theory]
    [InlineData(Fixtures.Images.Tree, "--to", "lmdb")]
    [InlineData(Fixtures.Images.Tree, "--shuffle", "")]
    [InlineData(Fixtures.Lmdb.Bad.Mixed, "--to", "images")]
    public void Rebuild_UnsupportedConversionOrOrder_IsAUsageErrorBeforeTheScan_AlsoInADryRun_AndWritesNothing(string source, string option, string value)
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");
        string[] extra = value.Length == 0 ? [option] : [option, value];

        var run = CliRun.InProcess(["rebuild", Fixtures.Path(source), "--out", destination, .. extra]);
        var dry = CliRun.InProcess(["rebuild", Fixtures.Path(source), "--out", destination, "--dry-run", .. extra]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Equal("", run.Out); // no scan summary: refused before the scan
        Assert.Equal((run.ExitCode, run.Error), (dry.ExitCode, dry.Error));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}
