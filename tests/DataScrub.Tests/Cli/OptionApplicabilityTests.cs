using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli;

/// <summary>An option given for a dataset it can never apply to is refused with one line, once the format is
/// known and before anything is scanned; so are options and combinations that would do nothing.</summary>
public class OptionApplicabilityTests
{
    private static void AssertRefused(CliRun run, string line)
    {
        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Equal(line, run.Error.TrimEnd());
        Assert.Equal("", run.Out); // nothing was scanned: no summary
    }

    public static TheoryData<string, string[], string> ScanRefusals => new()
    {
        { Fixtures.Lmdb.Good.Clean, ["--root", "/tmp"], "--root applies to image listfiles only; {0} is an lmdb dataset" },
        { Fixtures.LevelDb.Bad.Mixed, ["--root", "/tmp"], "--root applies to image listfiles only; {0} is a leveldb dataset" },
        { Fixtures.Hdf5.Bad.ContiguousF32, ["--root", "/tmp"], "--root applies to image listfiles only; {0} is an hdf5 dataset" },
        { Fixtures.Images.Tree, ["--root", "/tmp"], "--root applies to image listfiles only; {0} is an image folder" },
        { Fixtures.Lmdb.Good.Clean, ["--data", "data"], "--data applies to hdf5 inputs only; {0} is an lmdb dataset" },
        { Fixtures.Images.Tree, ["--label", "label"], "--label applies to hdf5 inputs only; {0} is an image folder" },
        { Fixtures.Hdf5.Bad.ContiguousF32, ["--crop-size", "8"], "--crop-size applies to images (files, and lmdb/leveldb datums holding encoded images) only; {0} is an hdf5 dataset" },
        { Fixtures.Hdf5.Bad.ContiguousF32, ["--max-pixels", "100"], "--max-pixels applies to images (files, and lmdb/leveldb datums holding encoded images) only; {0} is an hdf5 dataset" },
        { Fixtures.Lmdb.Good.Clean, ["--masks", "/tmp"], "--masks applies to image folders and listfiles only; {0} is an lmdb dataset" },
        { Fixtures.Hdf5.Bad.ContiguousF32, ["--mean-file", "/tmp/mean.binaryproto"], "--mean-file applies to lmdb/leveldb datums and images only; {0} is an hdf5 dataset" },
        { Fixtures.Hdf5.Bad.ContiguousF32, ["--write-mean", "/tmp/mean.binaryproto"], "--write-mean applies to lmdb/leveldb datums only; {0} is an hdf5 dataset" },
        { Fixtures.Images.Tree, ["--write-mean", "/tmp/mean.binaryproto"], "--write-mean applies to lmdb/leveldb datums only; {0} is an image folder" },
    };

    [Theory]
    [MemberData(nameof(ScanRefusals))]
    public void Scan_OptionThatCannotApplyToTheFormat_IsRefusedBeforeScanning(string fixture, string[] option, string line)
    {
        var path = Fixtures.Path(fixture);

        var run = CliRun.InProcess(["scan", path, .. option]);

        AssertRefused(run, "datascrub: " + string.Format(line, path));
    }

    public static TheoryData<string, string[]> ScanAccepted => new()
    {
        { Fixtures.Lmdb.Bad.EncodedMixed, ["--crop-size", "8", "--max-pixels", "100000"] },
        { Fixtures.LevelDb.Bad.EncodedMixed, ["--crop-size", "8"] },
        { Fixtures.Images.TrainList, ["--root", Fixtures.Path(Fixtures.Images.Tree)] },
        { Fixtures.Images.Tree, ["--masks", "/tmp", "--crop-size", "8", "--mean-file", Fixtures.Path(Fixtures.Mean.Bad.Nan)] },
        { Fixtures.Hdf5.Bad.ContiguousF32, ["--data", "data", "--label", "label"] },
        { Fixtures.Lmdb.Good.Clean, ["--mean-file", Fixtures.Path(Fixtures.Mean.Bad.WrongShape)] },
    };

    [Theory]
    [MemberData(nameof(ScanAccepted))]
    public void Scan_OptionThatCanApply_IsAccepted(string fixture, string[] option)
    {
        var run = CliRun.InProcess(["scan", Fixtures.Path(fixture), "--quiet", .. option]);

        Assert.True(run.ExitCode is ExitCodes.Clean or ExitCodes.Findings, run.ToString());
    }

    [Fact]
    public void Scan_SeveralDatasets_AnOptionThatAppliesToOne_IsAccepted()
    {
        var list = Fixtures.Path(Fixtures.Images.TrainList);

        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), list, "--root", Path.GetDirectoryName(list)!, "--quiet");

        Assert.True(run.ExitCode is ExitCodes.Clean or ExitCodes.Findings, run.ToString());
    }

    [Fact]
    public void Scan_SeveralDatasets_AnOptionThatAppliesToNone_IsRefused()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "--data", "data");

        AssertRefused(run, "datascrub: --data applies to hdf5 inputs only; none of the 2 datasets is one");
    }

    [Fact]
    public void Rebuild_RootOnAnLmdb_IsRefusedBeforeScanning_AndWritesNothing()
    {
        using var temp = new TempDirectory();

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "--out", temp.Combine("clean"), "--drop-bad", "--root", temp.Path);

        AssertRefused(run, $"datascrub: --root applies to image listfiles only; {Fixtures.Path(Fixtures.Lmdb.Bad.Mixed)} is an lmdb dataset");
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    public static TheoryData<string[], string> RebuildRefusals => new()
    {
        { ["--seed", "7"], "--seed applies only with --shuffle (it seeds the shuffle)" },
        { ["--fail-on", "never"], "rebuild does not take --fail-on: its exit code says whether the copy was written and verified (0) or not; judge the copy with 'datascrub scan DST --fail-on ...'" },
        { ["--write-mean", "/tmp/mean.binaryproto"], "rebuild does not take --write-mean: write the copy's mean with 'datascrub scan DST --write-mean FILE'" },
        { ["--drop", "nan,duplicate", "--no-duplicates"], "--drop duplicate needs the duplicate detection that --no-duplicates turns off" },
    };

    [Theory]
    [MemberData(nameof(RebuildRefusals))]
    public void Rebuild_OptionThatWouldDoNothing_IsRefusedWithOneLine(string[] option, string line)
    {
        using var temp = new TempDirectory();

        var run = CliRun.InProcess(["rebuild", Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "--out", temp.Combine("clean"), "--drop-bad", .. option]);

        AssertRefused(run, "datascrub: " + line);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void RebuildHelp_DoesNotOfferWhatItRefuses()
    {
        var run = CliRun.InProcess("rebuild", "--help");

        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.DoesNotContain("--fail-on", run.Out);
        Assert.DoesNotContain("--write-mean", run.Out);
        Assert.DoesNotContain("--masks", run.Out);
        Assert.Contains("--seed", run.Out);
    }
}
