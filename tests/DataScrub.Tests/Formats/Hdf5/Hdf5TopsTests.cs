using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Tests.Shared;
using PureHDF;

namespace DataScrub.Tests.Formats.Hdf5;

/// <summary>Caffe's tops are named once, for every file of the list: without --data/--label they are the first
/// readable file's datasets, so a later file without the label is missing-dataset (Caffe stops on it) and a later
/// file's extra dataset is no top.</summary>
public class Hdf5TopsTests
{
    [Fact]
    public void Scan_LaterFileWithoutTheLabel_IsMissingDataset_AndItsExtraDatasetIsNotATop()
    {
        using var dir = new TempDirectory();
        var random = new Random(1);
        float[] Values(int n) => Enumerable.Range(0, n).Select(_ => random.NextSingle()).ToArray();
        new H5File { ["data"] = new H5Dataset(Values(6), fileDims: [3, 2]), ["label"] = new H5Dataset(new[] { 0, 1, 0 }, fileDims: [3]) }.Write(dir.Combine("a.h5"));
        var extra = Values(3);
        extra[1] = float.NaN;
        new H5File { ["data"] = new H5Dataset(Values(6), fileDims: [3, 2]), ["weights"] = new H5Dataset(extra, fileDims: [3]) }.Write(dir.Combine("b.h5"));
        File.WriteAllLines(dir.Combine("list.txt"), ["a.h5", "b.h5"]);

        var run = CliRun.InProcess("scan", dir.Combine("list.txt"), "--json", "-", "--quiet", "--fail-on", "never", "--no-duplicates");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        var findings = dataset.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("kind").GetString()} {f.GetProperty("file").GetString()} {f.GetProperty("field").GetString()}").ToList();
        Assert.Contains("missing-dataset b.h5 label", findings);
        // 'weights' is no top: its NaN is not what Caffe reads.
        Assert.DoesNotContain(findings, f => f.StartsWith("nan"));
        Assert.Equal(6, dataset.GetProperty("samples").GetInt64());
    }
}
