using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli;

/// <summary>A word that looks like an option but is none is refused before anything is read, with the
/// nearest real option; after <c>--</c> every word is a path.</summary>
public class UnknownOptionTests
{
    private static void AssertRefused(CliRun run, string command, string line)
    {
        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Equal([line, $"Run 'datascrub {command} --help' for usage."], run.Error.TrimEnd().Split('\n'));
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Scan_MisspeltOption_IsRefusedWithTheNearestOne_InsteadOfScanningItAsAPath()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--batchsize", "64");

        AssertRefused(run, "scan", "datascrub: unknown option '--batchsize' (did you mean --batch-size?)");
    }

    [Theory]
    [InlineData("--thread", "2", "--threads")]
    [InlineData("--fail_on", "never", "--fail-on")]
    [InlineData("--max-pixel", "10", "--max-pixels")]
    [InlineData("--Quiet", null, "--quiet")]
    [InlineData("--num-class", "3", "--num-classes")]
    [InlineData("--batchsize=64", null, "--batch-size")]
    public void Scan_NearMiss_SuggestsTheOption(string typed, string? value, string suggested)
    {
        string[] args = value is null ? ["scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), typed] : ["scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), typed, value];

        var run = CliRun.InProcess(args);

        AssertRefused(run, "scan", $"datascrub: unknown option '{typed}' (did you mean {suggested}?)");
    }

    [Fact]
    public void Scan_OptionNothingLike_IsRefusedWithoutASuggestion()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--frobnicate");

        AssertRefused(run, "scan", "datascrub: unknown option '--frobnicate'");
    }

    [Fact]
    public void Scan_ShortUnknownOption_IsRefused()
    {
        var run = CliRun.InProcess("scan", "-x", Fixtures.Path(Fixtures.Lmdb.Good.Clean));

        AssertRefused(run, "scan", "datascrub: unknown option '-x'");
    }

    [Fact]
    public void Rebuild_MisspeltOption_IsRefusedWithTheNearestOne()
    {
        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--out", "/tmp/never-written", "--dryrun");

        AssertRefused(run, "rebuild", "datascrub: unknown option '--dryrun' (did you mean --dry-run?)");
    }

    [Fact]
    public void Rebuild_MisspeltOptionBeforeTheSource_IsRefused()
    {
        var run = CliRun.InProcess("rebuild", "--drop-bda", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--out", "/tmp/never-written");

        AssertRefused(run, "rebuild", "datascrub: unknown option '--drop-bda' (did you mean --drop-bad?)");
    }

    [Fact]
    public void Scan_AfterDoubleDash_AWordStartingWithADashIsAPath()
    {
        using var temp = new TempDirectory();
        temp.CopyDirectory(Fixtures.Path(Fixtures.Lmdb.Good.Clean), "-x");

        var run = CliRun.ProcessIn(temp.Path, null, "scan", "--quiet", "--json", "-", "--", "-x");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        using var doc = System.Text.Json.JsonDocument.Parse(run.Out);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        Assert.Equal(("-x", 20L), (dataset.GetProperty("path").GetString(), dataset.GetProperty("samples").GetInt64()));
    }

    [Fact]
    public void Scan_AfterDoubleDash_AMissingPathNamedLikeAnOption_IsAMissingPath()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--quiet", "--", "--batchsize");

        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.Equal("datascrub: --batchsize: no such file or directory", run.Error.TrimEnd());
    }

    [Fact]
    public void Scan_NegativeNumberAsAValue_IsAValueNotAnOption()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--max-findings", "-1");

        AssertRefused(run, "scan", "datascrub: --max-findings: must be at least 0, not -1");
    }
}
