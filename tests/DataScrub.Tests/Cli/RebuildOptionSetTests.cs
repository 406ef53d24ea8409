using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli;

/// <summary><c>rebuild</c> has its own option set: the scan options that would do nothing in a rebuild are not its
/// options (not in its help, unknown to its parser), yet naming one says what to do instead.</summary>
public sealed class RebuildOptionSetTests
{
    [Fact]
    public void Help_ListsNoScanOnlyOption()
    {
        var help = CliRun.InProcess("rebuild", "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--drop-bad", help.Out);
        Assert.Contains("--num-classes", help.Out);
        foreach (var option in new[] { "--fail-on", "--write-mean", "--masks" })
            Assert.DoesNotContain(option, help.Out);
    }

    [Theory]
    [InlineData("--fail-on=never")]
    [InlineData("--write-mean")]
    public void ScanOnlyOption_IsAUsageErrorWithAdvice_AndNoHelpLine(string option)
    {
        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--out", "/tmp/never-written", option, "x");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"datascrub: rebuild does not take {option.Split('=')[0]}: ", line);
    }

    [Fact]
    public void MisspeltOption_StillNamesTheNearestRebuildOption()
    {
        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--out", "/tmp/never-written", "--dropbad");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown option '--dropbad' (did you mean --drop-bad?)", run.Error);
        Assert.Contains("Run 'datascrub rebuild --help' for usage.", run.Error);
    }
}
