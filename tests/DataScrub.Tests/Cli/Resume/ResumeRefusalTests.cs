using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli.Resume;

/// <summary>What <c>--resume</c> refuses (exit 2, one line saying why and naming the file): a report that is complete or
/// no DataScrub report, a state file missing or damaged, and a command line whose datasets or options differ from the
/// interrupted scan's (its parts would be judged differently from the rest).</summary>
public sealed class ResumeRefusalTests
{
    private static readonly string Dataset = Fixtures.Path(Fixtures.Images.Tree);

    /// <summary>An interrupted scan, in-process: the stop is requested before the first sample, so it stops at the
    /// first unit's start (a report of 0 samples, and its state).</summary>
    private static string Interrupted(TempDirectory temp, params string[] options)
    {
        var json = temp.Combine("report.json");
        using var stopped = new CancellationTokenSource();
        stopped.Cancel();
        var run = CliRun.InProcessWith(s => s with { Cancellation = stopped.Token }, ["scan", Dataset, "--json", json, "--quiet", .. options]);
        Assert.True(run.ExitCode == ExitCodes.Cancelled, run.ToString());
        Assert.True(File.Exists(json + ".state"), run.ToString());
        return json;
    }

    private static CliRun Resume(string report, params string[] args) => CliRun.InProcess(["scan", .. args, "--resume", report, "--quiet"]);

    private static void AssertRefused(CliRun run, string message)
    {
        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains(message, run.Error);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Resume_OfAnInterruptedScan_StoppedBeforeItsFirstSample_ScansItAll()
    {
        using var temp = new TempDirectory();
        var json = Interrupted(temp);
        Assert.Equal(0, ResumeTests.Incomplete(json, "SIGINT").Samples);
        var resumed = CliRun.InProcess("scan", Dataset, "--json", json, "--resume", json, "--quiet");
        var single = temp.Combine("single.json");
        var once = CliRun.InProcess("scan", Dataset, "--json", single, "--quiet");
        Assert.Equal(once.ExitCode, resumed.ExitCode);
        Assert.Equal(ResumeTests.Normalise(File.ReadAllText(single)), ResumeTests.Normalise(File.ReadAllText(json)));
    }

    [Fact]
    public void Interrupted_BeforeTheSecondDataset_SaysItWasNotScanned_AndTheResumeScansIt()
    {
        using var temp = new TempDirectory();
        var second = Fixtures.Path(Fixtures.Lmdb.Labels.Classes);
        var json = Interrupted(temp, second);
        var report = File.ReadAllText(json);
        Assert.Contains("\"error\": \"not scanned: the scan stopped before it\"", report);
        var resumed = CliRun.InProcess("scan", Dataset, second, "--json", json, "--resume", json, "--quiet");
        var single = temp.Combine("single.json");
        var once = CliRun.InProcess("scan", Dataset, second, "--json", single, "--quiet");
        Assert.Equal(once.ExitCode, resumed.ExitCode);
        Assert.Equal(ResumeTests.Normalise(File.ReadAllText(single)), ResumeTests.Normalise(File.ReadAllText(json)));
    }

    [Fact]
    public void Resume_OfACompleteReport_IsRefused()
    {
        using var temp = new TempDirectory();
        var json = temp.Combine("done.json");
        CliRun.InProcess("scan", Dataset, "--json", json, "--quiet");
        AssertRefused(Resume(json, Dataset), "is the report of a complete scan: there is nothing to resume");
    }

    [Fact]
    public void Resume_OfAFileThatIsNoDataScrubReport_IsRefused()
    {
        using var temp = new TempDirectory();
        var other = temp.Combine("other.json");
        File.WriteAllText(other, "{\"name\": \"not a report\"}");
        AssertRefused(Resume(other, Dataset), $"{other} is not a DataScrub report");
        File.WriteAllText(other, "not json");
        AssertRefused(Resume(other, Dataset), $"cannot read {other} as a DataScrub report");
    }

    [Fact]
    public void Resume_WithoutItsStateFile_IsRefused()
    {
        using var temp = new TempDirectory();
        var json = Interrupted(temp);
        File.Delete(json + ".state");
        AssertRefused(Resume(json, Dataset), "its state file");
    }

    [Fact]
    public void Resume_WithADamagedStateFile_IsRefused()
    {
        using var temp = new TempDirectory();
        var json = Interrupted(temp);
        var bytes = File.ReadAllBytes(json + ".state");
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(json + ".state", bytes);
        AssertRefused(Resume(json, Dataset), "its checksum does not match its contents");
    }

    [Fact]
    public void Resume_OfOtherDatasets_IsRefused()
    {
        using var temp = new TempDirectory();
        var json = Interrupted(temp);
        AssertRefused(Resume(json, Fixtures.Path(Fixtures.Lmdb.Labels.Classes)), "give the same datasets in the same order");
    }

    [Fact]
    public void Resume_WithOtherOptions_IsRefused_NamingThem()
    {
        using var temp = new TempDirectory();
        var json = Interrupted(temp, "--batch-size", "16");
        AssertRefused(Resume(json, Dataset, "--batch-size", "64"), "--batch-size=16 (was given), --batch-size=64 (is new)");
    }

    [Fact]
    public void Resume_WithShard_IsRefused()
    {
        using var temp = new TempDirectory();
        var json = Interrupted(temp);
        AssertRefused(Resume(json, Dataset, "--shard", "0/2", "--json", temp.Combine("s.json")), "--resume continues a whole scan, not a shard");
    }
}
