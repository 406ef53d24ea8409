using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Rebuild;

/// <summary>What rebuild drops follows the severity each finding had, including the user's --severity: a finding
/// that rests on a guess (a far label under an inferred K) is a warning and kept by --drop-bad, and the copy is
/// verified by the same rule, not by kind.</summary>
public class RebuildSeverityTests
{
    [Fact]
    public void DropBad_FarLabelUnderInferredK_IsKeptAndTheCopyVerifies()
    {
        using var dir = new TempDirectory();
        var labels = Enumerable.Range(0, 200).Select(i => i % 10).ToArray();
        labels[50] = 999;
        var source = TestHdf5.Write(dir, "far.h5", 200, new("label", labels, [200]));

        var run = CliRun.InProcess("rebuild", source, "--out", dir.Combine("clean"), "--drop-bad", "--json", "-", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var rebuild = doc.RootElement.GetProperty("datasets")[0].GetProperty("rebuild");
        Assert.Equal(200, rebuild.GetProperty("written").GetInt64());
        Assert.True(rebuild.GetProperty("verified").GetBoolean());

        // Named, it is dropped.
        var named = CliRun.InProcess("rebuild", source, "--out", dir.Combine("named"), "--drop", "label-out-of-range", "--json", "-", "--quiet");
        Assert.True(named.ExitCode == ExitCodes.Clean, named.ToString());
        using var namedDoc = JsonDocument.Parse(named.Out);
        Assert.Equal(["far.h5#50"], namedDoc.RootElement.GetProperty("datasets")[0].GetProperty("rebuild").GetProperty("droppedSamples")
            .EnumerateArray().Select(d => d.GetProperty("sample").GetString()));
    }

    [Fact]
    public void DropBad_KindLoweredToWarning_IsKeptAndTheCopyVerifies()
    {
        using var dir = new TempDirectory();
        var random = new Random(2);
        var data = Enumerable.Range(0, 10 * 4).Select(_ => random.NextSingle()).ToArray();
        data[3 * 4] = float.NaN;
        var source = TestHdf5.Write(dir, "nan.h5", 10, new("data", data, [10, 4]));

        var lowered = CliRun.InProcess("rebuild", source, "--out", dir.Combine("kept"), "--drop-bad", "--severity", "nan=warning", "--quiet");
        Assert.True(lowered.ExitCode == ExitCodes.Clean, lowered.ToString());

        var dropped = CliRun.InProcess("rebuild", source, "--out", dir.Combine("dropped"), "--drop-bad", "--json", "-", "--quiet");
        Assert.True(dropped.ExitCode == ExitCodes.Clean, dropped.ToString());
        using var doc = JsonDocument.Parse(dropped.Out);
        Assert.Equal(9, doc.RootElement.GetProperty("datasets")[0].GetProperty("rebuild").GetProperty("written").GetInt64());
    }

    [Fact]
    public void Drop_KindSwitchedOff_IsAUsageError()
    {
        using var dir = new TempDirectory();
        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Hdf5.Bad.F16), "--out", dir.Combine("x"), "--drop", "nan", "--severity", "nan=off");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--drop nan: the kind is switched off by --severity nan=off", run.Error);
        Assert.False(Directory.Exists(dir.Combine("x")));
    }
}
