using DataScrub.Cli;
using DataScrub.Cli.Commands;
using DataScrub.Reporting;
using DataScrub.Tests.Shared;
using Xunit.Abstractions;

namespace DataScrub.Tests.Cli;

/// <summary>Files the command will write (--json, --write-mean) are checked before the scan starts, not after
/// a long one; a write that still fails names the file and the system's reason, never a temporary name.</summary>
public class OutputPathTests(ITestOutputHelper log)
{
    private static void AssertRefusedBeforeScanning(CliRun run, string line)
    {
        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Equal(line, run.Error.TrimEnd());
        Assert.Equal("", run.Out); // no summary: nothing was scanned
    }

    [Fact]
    public void Scan_JsonInAMissingDirectory_IsRefusedBeforeScanning()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--json", "/no/such/dir/report.json");

        AssertRefusedBeforeScanning(run, "datascrub: --json /no/such/dir/report.json: the directory /no/such/dir does not exist");
    }

    [Fact]
    public void Scan_JsonThatIsADirectory_IsRefusedBeforeScanning()
    {
        using var temp = new TempDirectory();

        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--json", temp.Path);

        AssertRefusedBeforeScanning(run, $"datascrub: --json {temp.Path}: is a directory");
    }

    [Fact]
    public void Scan_JsonInsideAFile_IsRefusedBeforeScanning()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("notes.txt");
        File.WriteAllText(file, "");

        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--json", Path.Combine(file, "report.json"));

        AssertRefusedBeforeScanning(run, $"datascrub: --json {file}/report.json: {file} is not a directory");
    }

    [Fact]
    public void Scan_WriteMeanInAMissingDirectory_IsRefusedBeforeScanning()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--write-mean", "/no/such/dir/mean.binaryproto");

        AssertRefusedBeforeScanning(run, "datascrub: --write-mean /no/such/dir/mean.binaryproto: the directory /no/such/dir does not exist");
    }

    [Fact]
    public void Scan_JsonInAReadOnlyDirectory_IsRefusedBeforeScanning_WithTheSystemsReason()
    {
        using var temp = new TempDirectory();
        var source = temp.CopyDirectory(Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "db");
        using var folder = new ReadOnlyFolder(temp, "reports");
        log.WriteLine(folder.Mechanism);
        var report = Path.Combine(folder.Path, "report.json");

        var run = folder.Run("scan", source, "--json", report);

        AssertRefusedBeforeScanning(run, $"datascrub: --json {report}: cannot write in {folder.Path}: {folder.SystemReason}");
    }

    [Fact]
    public void Rebuild_JsonInAMissingDirectory_IsRefusedBeforeScanning_AndWritesNothing()
    {
        using var temp = new TempDirectory();

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "--out", temp.Combine("clean"), "--drop-bad", "--json", "/no/such/dir/report.json");

        AssertRefusedBeforeScanning(run, "datascrub: --json /no/such/dir/report.json: the directory /no/such/dir does not exist");
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    /// <summary>/sys refuses new files to everyone, root included (EPERM; EROFS where it is mounted read-only;
    /// EACCES for others), so the write itself fails after the check.</summary>
    [Fact]
    public void ReportFile_WriteThatFails_NamesTheReportAndTheReason_NotItsTemporary()
    {
        var report = new ScanReport("datascrub-test", 0, []);
        var streams = new CliStreams(TextWriter.Null, Stream.Null, TextWriter.Null, false, CancellationToken.None);

        var e = Assert.Throws<ReportWriteException>(() => new DataScrub.Cli.Reporting.JsonReportSink(streams, "/sys/report.json").Write(report));

        Assert.Matches("^cannot write the JSON report to /sys/report.json: (operation not permitted|read-only file system|permission denied)$", e.Message);
    }

    [Fact]
    public void MeanFile_WriteThatFails_NamesTheFileAndTheReason_NotItsTemporary()
    {
        var mean = new DataScrub.Analysis.Statistics.MeanImage(new DataScrub.Records.DeclaredShape(1, 1, 1), [0.5f]);

        var e = Assert.ThrowsAny<DataScrubException>(() => DataScrub.Formats.Caffe.CaffeMeanFile.Write("/sys/mean.binaryproto", mean));

        Assert.Matches("^/sys/mean.binaryproto: cannot write the mean file: (operation not permitted|read-only file system|permission denied)$", e.Message);
    }
}
