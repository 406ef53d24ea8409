using DataScrub.Cli;
using DataScrub.Formats.Caffe;
using DataScrub.Formats.Lmdb;
using DataScrub.Tests.Shared;
using PureHDF;

namespace DataScrub.Tests.Rebuild;

/// <summary><c>rebuild --to hdf5</c> from Datums and <c>--to lmdb</c> from HDF5 rows: the same values and
/// labels, in storage order, where the shapes allow; a one-line error naming the record where they do not.</summary>
public class RebuildHdf5ConversionTests
{
    private static List<(string Key, DataScrub.Formats.Caffe.Proto.Datum Datum)> Datums(string lmdb)
    {
        using var reader = LmdbReader.Open(lmdb);
        return reader.ReadSamples(CancellationToken.None).Select(s => (s.DisplayId, CaffeDatumCodec.Parse(s.Record.Span))).ToList();
    }

    [Fact]
    public void Rebuild_DatumsToHdf5_WritesDataAndLabelRowsWithTheDatumsValues()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("h5");

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--out", destination, "--to", "hdf5", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        Assert.Equal(["data.h5"], File.ReadAllLines(Path.Combine(destination, "list.txt")));
        var datums = Datums(Fixtures.Path(Fixtures.Lmdb.Good.Clean));
        using var file = H5File.OpenRead(Path.Combine(destination, "data.h5"));
        var data = file.Dataset("data");
        var first = datums[0].Datum;
        Assert.Equal([(ulong)datums.Count, (ulong)first.Channels, (ulong)first.Height, (ulong)first.Width], data.Space.Dimensions);
        var values = data.Read<float[]>();
        var labels = file.Dataset("label").Read<float[]>();
        var row = first.Channels * first.Height * first.Width;
        for (var i = 0; i < datums.Count; i++)
        {
            var datum = datums[i].Datum;
            Assert.Equal(datum.Label, labels[i]);
            Assert.Equal(datum.Data.Select(b => (float)b), values.Skip(i * row).Take(row));
        }
    }

    [Fact]
    public void Rebuild_Hdf5RowsToLmdb_WritesFloatDatumsKeyedByPositionAndRow()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("lmdb");
        var source = Fixtures.Path(Fixtures.Hdf5.Bad.ContiguousF32);

        var run = CliRun.InProcess("rebuild", source, "--out", destination, "--to", "lmdb", "--drop-bad", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        using var h5 = H5File.OpenRead(source);
        var data = h5.Dataset("data");
        var dims = data.Space.Dimensions;
        var rowValues = (int)(dims.Skip(1).Aggregate(1UL, (a, d) => a * d));
        var values = data.Read<float[]>();
        var labels = h5.Dataset("label").Read<long[]>();
        var datums = Datums(destination);
        // 20 rows less the 4 with NaN/Inf (#3, #7, #12, #19: fixtures/README.md).
        Assert.Equal(16, datums.Count);
        var position = 0;
        foreach (var (key, datum) in datums)
        {
            Assert.StartsWith($"{position++:D8}_contiguous_f32.h5#", key);
            var row = int.Parse(key[(key.LastIndexOf('#') + 1)..]);
            Assert.Equal((int)dims[1], datum.Channels);
            Assert.Equal(rowValues, datum.Channels * datum.Height * datum.Width);
            Assert.Equal(values.Skip(row * rowValues).Take(rowValues), datum.FloatData);
            Assert.Equal(labels[row], datum.Label);
            Assert.All(datum.FloatData, v => Assert.True(float.IsFinite(v), $"row {row} kept a non-finite value"));
        }
    }

    [Fact]
    public void Rebuild_DatumsOfDifferentShapesToHdf5_IsOneLineNamingTheRecord_AndWritesNothing()
    {
        using var temp = new TempDirectory();

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "--out", temp.Combine("h5"), "--to", "hdf5", "--drop-bad", "--quiet");

        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("cannot convert", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Rebuild_Float16RowsToLmdb_IsOneLineInTheUsersWords_AndWritesNothing()
    {
        using var temp = new TempDirectory();

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Hdf5.Bad.F16), "--out", temp.Combine("lmdb"), "--to", "lmdb", "--drop-bad", "--quiet");

        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.Equal("datascrub: f16.h5#0: cannot become a caffe Datum: its data holds float16 values, which a Datum does not", run.Error.TrimEnd());
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}
