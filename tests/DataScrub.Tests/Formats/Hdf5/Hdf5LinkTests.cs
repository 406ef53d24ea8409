using System.Text.Json;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Hdf5;

/// <summary>
/// Soft and external links in the root group, as h5py writes them in old-style groups (symbol tables, libver
/// 'earliest', h5py's default) and new-style ones (link messages, libver 'latest'). PureHDF follows links without a
/// limit, and a cycle overflowed the stack: the scan died with SIGABRT and no report (AFL++ found it). DataScrub now
/// follows root soft links itself, at most 16 in a row as libhdf5 does, and leaves external links alone.
/// </summary>
public sealed class Hdf5LinkTests
{
    private const string Script = """
        import sys, h5py, numpy as np
        folder = sys.argv[1]
        for libver in ("earliest", "latest"):
            with h5py.File(f"{folder}/links_{libver}.h5", "w", libver=libver) as f:
                f["data"] = np.arange(12, dtype=np.float32).reshape(4, 3)
                f["label"] = np.array([0, 1, 0, 1], dtype=np.float32)
                f["loop_a"] = h5py.SoftLink("/loop_b")
                f["loop_b"] = h5py.SoftLink("/loop_a")
                f["itself"] = h5py.SoftLink("itself")
                f["elsewhere"] = h5py.ExternalLink("other.h5", "/data")
                f["dangling"] = h5py.SoftLink("/nothing")
            with h5py.File(f"{folder}/alias_{libver}.h5", "w", libver=libver) as f:
                f["stored"] = np.arange(12, dtype=np.float32).reshape(4, 3)
                f["label"] = np.array([0, 1, 0, 1], dtype=np.float32)
                f["data"] = h5py.SoftLink("/stored")
            with h5py.File(f"{folder}/only_loops_{libver}.h5", "w", libver=libver) as f:
                f["loop_a"] = h5py.SoftLink("/loop_b")
                f["loop_b"] = h5py.SoftLink("/loop_a")
        """;

    [Theory]
    [InlineData("earliest")]
    [InlineData("latest")]
    public void LinkCycles_DanglingAndExternalLinks_AreNotFollowed_AndTheRestIsScanned(string libver)
    {
        using var dir = Write();
        var run = CliRun.Process(null, "scan", dir.Combine($"links_{libver}.h5"), "--label", "label", "--json", "-", "--quiet");
        Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Error}");
        using var report = JsonDocument.Parse(run.Out);
        var dataset = report.RootElement.GetProperty("datasets")[0];
        Assert.Equal(4, dataset.GetProperty("samples").GetInt64());
        // Only 'data' was scanned: no link became a dataset, missing or not.
        Assert.DoesNotContain(dataset.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "missing-dataset");
    }

    [Theory]
    [InlineData("earliest")]
    [InlineData("latest")]
    public void ASoftLinkToARootDataset_IsFollowed_AsCaffeFollowsIt(string libver)
    {
        using var dir = Write();
        var run = CliRun.Process(null, "scan", dir.Combine($"alias_{libver}.h5"), "--data", "data", "--label", "label", "--json", "-", "--quiet");
        Assert.True(run.ExitCode is 0, $"exit {run.ExitCode}: {run.Error}\n{run.Out}");
        using var report = JsonDocument.Parse(run.Out);
        Assert.Equal(4, report.RootElement.GetProperty("datasets")[0].GetProperty("samples").GetInt64());
    }

    [Theory]
    [InlineData("earliest")]
    [InlineData("latest")]
    public void AFileOfNothingButALinkCycle_SaysSo(string libver)
    {
        using var dir = Write();
        var run = CliRun.Process(null, "scan", dir.Combine($"only_loops_{libver}.h5"), "--json", "-", "--quiet");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("more than 16 soft links in a row", run.Out);
        Assert.Contains("no-readable-dataset", run.Out);
    }

    private static TempDirectory Write()
    {
        var dir = new TempDirectory();
        H5pyOracle.RunScript(Script, dir.Path);
        return dir;
    }
}
