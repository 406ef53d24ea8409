using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Formats.Caffe;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Caffe;

/// <summary>Caffe mean files written by Python protobuf (fixtures/make_mean_fixtures.py, which reproduces
/// compute_image_mean's float arithmetic): read in both layouts, checked, and written back identically.</summary>
public class CaffeMeanFileTests
{
    [Theory]
    [InlineData(Fixtures.Mean.Good.LmdbClasses)]
    [InlineData(Fixtures.Mean.Good.ShapeField)]
    [InlineData(Fixtures.Mean.Bad.Nan)]
    [InlineData(Fixtures.Mean.Bad.WrongShape)]
    public void Read_PythonWrittenMeanFile_HasTheExpectedShapeAndBits(string fixture)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Mean.Expected)));
        var expected = doc.RootElement.GetProperty(Path.GetFileName(fixture));

        var mean = CaffeMeanFile.Read(Fixtures.Path(fixture));

        Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()), [mean.Shape.Channels, mean.Shape.Height, mean.Shape.Width]);
        Assert.Equal(expected.GetProperty("bits").EnumerateArray().Select(b => Convert.ToUInt32(b.GetString(), 16)),
            mean.Values.Select(BitConverter.SingleToUInt32Bits));
    }

    [Fact]
    public void WriteMean_OfTheLabelFixture_IsByteIdenticalToWhatComputeImageMeanWrites()
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("mean.binaryproto");

        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Labels.Classes), "--write-mean", target, "--quiet", "--fail-on", "never");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        Assert.Equal(File.ReadAllBytes(Fixtures.Path(Fixtures.Mean.Good.LmdbClasses)), File.ReadAllBytes(target));
        // CI has Python protobuf read it too (fixtures/mean_interop.sh).
        if (Environment.GetEnvironmentVariable("DATASCRUB_INTEROP_DIR") is { Length: > 0 } interop)
            File.Copy(target, Path.Combine(interop, "lmdb_classes.written.binaryproto"), overwrite: true);
    }

    [Theory]
    [InlineData(Fixtures.Mean.Bad.Nan, "nan:5:1,inf:20:1")]
    [InlineData(Fixtures.Mean.Bad.WrongShape, "shape-mismatch::75")]
    [InlineData(Fixtures.Mean.Good.ShapeField, "")]
    public void Scan_WithMeanFile_ReportsItsDefectsAsDatasetFindingsNamingTheFile(string fixture, string expected)
    {
        var path = Fixtures.Path(fixture);

        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Labels.Classes), "--mean-file", path, "--json", "-", "--quiet", "--fail-on", "never");

        using var doc = JsonDocument.Parse(run.Out);
        var mean = doc.RootElement.GetProperty("datasets")[0].GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("field").ValueKind == JsonValueKind.String && f.GetProperty("field").GetString() == "mean").ToList();
        Assert.All(mean, f => Assert.Equal(path, f.GetProperty("file").GetString()));
        Assert.Equal(expected, string.Join(",", mean.Select(f =>
            $"{f.GetProperty("kind").GetString()}:{(f.GetProperty("index").ValueKind == JsonValueKind.Null ? "" : f.GetProperty("index").GetInt64())}:{f.GetProperty("count").GetInt64()}")));
    }

    [Fact]
    public void Scan_MissingMeanFile_IsAUsageErrorOnOneLine()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Labels.Classes), "--mean-file", "/nonexistent/mean.binaryproto");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public void WriteMean_IntoAMissingDirectory_IsOneLineAndExit2_BeforeScanning()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Labels.Classes), "--write-mean", "/nonexistent/dir/mean.binaryproto", "--quiet", "--fail-on", "never");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--write-mean", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
    }
}
