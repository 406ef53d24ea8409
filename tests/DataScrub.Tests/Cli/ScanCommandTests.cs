using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli;

public class ScanCommandTests
{
    [Fact]
    public void Scan_MixedFixture_PrintsEveryPlantedFindingAndExits1()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Bad.Mixed));

        Assert.True(run.ExitCode == ExitCodes.Findings, run.ToString());
        foreach (var f in ExpectedReport.Load(Fixtures.Path(Fixtures.Expected(Fixtures.Lmdb.Bad.Mixed))).Findings)
            Line(run.Out, f.Sample!, f.Kind);
        Assert.Contains("40 samples", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Scan_JsonToStdout_IsTheV1ReportWithExactlyTheExpectedFindings()
    {
        var expected = ExpectedReport.Load(Fixtures.Path(Fixtures.Expected(Fixtures.Lmdb.Bad.Mixed)));

        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "--json", "-", "--threads", "2");

        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal("datascrub-report/1", root.GetProperty("schema").GetString());
        Assert.Equal($"datascrub {Program.Version}", root.GetProperty("tool").GetString());
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
        var dataset = root.GetProperty("datasets")[0];
        Assert.Equal("lmdb", dataset.GetProperty("format").GetString());
        Assert.Equal(expected.Samples, dataset.GetProperty("samples").GetInt64());
        Assert.Equal(expected.Samples, dataset.GetProperty("expectedSamples").GetInt64());
        // The sum of the 40 value lengths, as py-lmdb reads them from data.mdb.
        Assert.Equal(23421, dataset.GetProperty("bytes").GetInt64());
        Assert.Equal(expected.Findings, dataset.GetProperty("findings").EnumerateArray().Select(ExpectedFinding.From));
        Assert.All(dataset.GetProperty("findings").EnumerateArray(), f => Assert.Equal(f.GetProperty("kind").GetString() == "fp16-overflow" ? "warning" : "error", f.GetProperty("severity").GetString()));
        var counts = dataset.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(expected.Findings.GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => (long)g.Count()), counts);
        var labels = dataset.GetProperty("labels");
        Assert.Equal(expected.Labels, labels.GetProperty("histogram").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()));
        Assert.Equal(expected.Unlabelled, labels.GetProperty("unlabelled").GetInt64());
        // With the report on stdout, the human summary moves to stderr.
        Assert.Contains("40 samples", run.Error);
    }

    [Theory]
    [InlineData("lmdb")]
    [InlineData("leveldb")]
    public void Scan_SameRecordsInEitherStore_GiveTheSameFindings(string store)
    {
        var path = store == "lmdb" ? Fixtures.Path(Fixtures.Lmdb.Bad.Mixed) : Fixtures.Path(Fixtures.LevelDb.Bad.Mixed);
        var expected = ExpectedReport.Load(store == "lmdb" ? Fixtures.Path(Fixtures.Expected(Fixtures.Lmdb.Bad.Mixed)) : Fixtures.Path(Fixtures.Expected(Fixtures.LevelDb.Bad.Mixed)));

        var run = CliRun.InProcess("scan", path, "--json", "-", "--quiet");

        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        Assert.Equal(store, dataset.GetProperty("format").GetString());
        Assert.Equal(expected.Samples, dataset.GetProperty("samples").GetInt64());
        Assert.Equal(expected.Findings, dataset.GetProperty("findings").EnumerateArray().Select(ExpectedFinding.From));
        Assert.Equal(expected.Labels, dataset.GetProperty("labels").GetProperty("histogram").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()));
    }

    [Fact]
    public void Scan_DamagedLevelDb_ReportsCorruptStoreWithFileAndOffsetAndScansTheRest()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.LevelDb.Bad.Damaged), "--json", "-", "--quiet");

        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        Assert.Equal(15, dataset.GetProperty("samples").GetInt64());
        Assert.Equal(JsonValueKind.Null, dataset.GetProperty("expectedSamples").ValueKind);
        var finding = Assert.Single(dataset.GetProperty("findings").EnumerateArray());
        Assert.Equal(("corrupt-store", "error", JsonValueKind.Null), (finding.GetProperty("kind").GetString(), finding.GetProperty("severity").GetString(), finding.GetProperty("sample").ValueKind));
        Assert.Equal(("000007.ldb", 0L), (finding.GetProperty("file").GetString(), finding.GetProperty("offset").GetInt64()));
    }

    [Fact]
    public void Scan_ForcedLevelDbOnAnLmdb_OneLineAndExit3()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--format", "leveldb", "--quiet");

        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.Equal($"datascrub: {Fixtures.Path(Fixtures.Lmdb.Good.Clean)}: no CURRENT file, so this is not a LevelDB (or its CURRENT was lost)", run.Error.TrimEnd());
    }

    [Fact]
    public void Scan_JsonToFile_WritesTheReportAndKeepsTheSummaryOnStdout()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("report.json");

        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--json", file);

        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Contains("no findings", run.Out);
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal(0, doc.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Empty(doc.RootElement.GetProperty("datasets")[0].GetProperty("findings").EnumerateArray());
        Assert.Equal(["report.json"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("never", ExitCodes.Clean)]
    [InlineData("warning", ExitCodes.Findings)]
    [InlineData("error", ExitCodes.Findings)]
    public void Scan_FailOn_DecidesTheExitCode(string failOn, int exitCode) =>
        Assert.Equal(exitCode, CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "--fail-on", failOn, "--quiet").ExitCode);

    [Fact]
    public void Scan_Quiet_PrintsNothing()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "--quiet");

        Assert.Equal((ExitCodes.Findings, "", ""), (run.ExitCode, run.Out, run.Error));
    }

    [Fact]
    public void Scan_TwoDatasets_ReportsBoth()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "--json", "-", "--quiet");

        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal([20L, 40L], doc.RootElement.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("samples").GetInt64()));
        Assert.Equal(ExitCodes.Findings, run.ExitCode);
    }

    [Fact]
    public void Scan_MissingPath_OneLineAndExit3()
    {
        var run = CliRun.InProcess("scan", "/no/such/dataset");

        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.Equal("datascrub: /no/such/dataset: no such file or directory", run.Error.TrimEnd());
    }

    [Fact]
    public void Scan_EmptyDirectory_OneLineAndExit3()
    {
        using var temp = new TempDirectory();

        var run = CliRun.InProcess("scan", temp.Path, "--quiet");

        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("an empty directory", run.Error);
    }

    [Fact]
    public void Scan_FileThatIsNotLmdb_OneLineAndExit3()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("notes.txt");
        File.WriteAllText(file, "nothing to train on\n");

        var run = CliRun.InProcess("scan", file, "--quiet");

        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.Equal($"datascrub: {file}: a file in no recognised format (looked for: lmdb, leveldb, hdf5, images); pass --format if the detection is wrong", run.Error.TrimEnd());
    }

    [Fact]
    public void Scan_ForcedLmdbOnAnotherFile_OneLineAndExit3()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("x.bin");
        File.WriteAllBytes(file, new byte[8192]);

        var run = CliRun.InProcess("scan", file, "--format", "lmdb", "--quiet");

        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.Contains("is not an LMDB data file", run.Error);
    }

    [Fact]
    public void Scan_OneUnreadableAmongGoodOnes_StillScansTheOthersAndExits3()
    {
        var run = CliRun.InProcess("scan", "/no/such/dataset", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--json", "-", "--quiet");

        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var datasets = doc.RootElement.GetProperty("datasets");
        Assert.Equal("no such file or directory", datasets[0].GetProperty("error").GetString());
        Assert.Equal(20, datasets[1].GetProperty("samples").GetInt64());
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("scan", "x", "--threads", "0")]
    [InlineData("scan", "x", "--format", "parquet")]
    [InlineData("scan", "x", "--fail-on", "sometimes")]
    [InlineData("frobnicate")]
    public void BadCommandLine_Exit2WithoutStackTrace(params string[] args)
    {
        var run = CliRun.InProcess(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("datascrub: ", run.Error);
        Assert.Contains(args[0] == "scan" ? "Run 'datascrub scan --help' for usage." : "Run 'datascrub --help' for usage.", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Scan_UnwritableJsonPath_Exit2()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--json", "/no/such/dir/report.json", "--quiet");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("datascrub: --json /no/such/dir/report.json: the directory /no/such/dir does not exist", run.Error.TrimEnd());
    }

    [Fact]
    public void Version_PrintsTheToolVersion()
    {
        var run = CliRun.InProcess("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0.2.0", run.Out.Trim());
    }

    [Fact]
    public void ScanHelp_ListsEveryOption()
    {
        var run = CliRun.InProcess("scan", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--format", "--json", "--threads", "--fail-on", "--max-findings", "--quiet" })
            Assert.Contains(option, run.Out);
    }

    [Fact]
    public void RealProcess_MissingPath_NoStackTrace()
    {
        var run = CliRun.Process(null, "scan", "/no/such/dataset");

        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.Equal("datascrub: /no/such/dataset: no such file or directory", run.Error.TrimEnd());
    }

    [Fact]
    public void RealProcess_LmdbLibraryMissing_SaysHowToInstallItAndExits3()
    {
        var run = CliRun.Process(new Dictionary<string, string> { ["DATASCRUB_LIBLMDB"] = "/nonexistent/liblmdb.so.0" }, "scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean));

        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("apt-get install liblmdb0", run.Error);
        Assert.Contains("DATASCRUB_LIBLMDB=/nonexistent/liblmdb.so.0 could not be loaded", run.Error);
    }

    private static string Line(string output, string sample, string kind) =>
        output.Split('\n').FirstOrDefault(l => l.Contains($" {sample}", StringComparison.Ordinal) && l.Contains($" {kind} ", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no line for {kind} {sample} in:\n{output}");
}
