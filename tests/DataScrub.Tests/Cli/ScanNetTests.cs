using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli;

/// <summary><c>scan --net</c>: the net's data scanned with the net's settings (flags win), the net linted beside it.</summary>
public class ScanNetTests
{
    private static readonly string Root = Fixtures.RepositoryRoot;

    private static string Prototxt(string name) => Fixtures.Path($"prototxt/{name}");

    private static (CliRun Run, JsonDocument Report) Scan(params string[] args)
    {
        var run = CliRun.InProcess(["scan", .. args, "--workdir", Root, "--json", "-", "--quiet", "--fail-on", "never"]);
        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        return (run, JsonDocument.Parse(run.Out));
    }

    private static JsonElement Options(JsonDocument report) => report.RootElement.GetProperty("settings").GetProperty("options");

    [Fact]
    public void Solver_FollowsItsNet_ScansTheTrainSource_WithTheNetsSettings()
    {
        var (_, report) = Scan("--net", Prototxt("lenet/lenet_solver.prototxt"));
        using (report)
        {
            var datasets = report.RootElement.GetProperty("datasets").EnumerateArray().ToList();
            Assert.Equal(["caffe-solver", "caffe-net", "lmdb"], datasets.Select(d => d.GetProperty("format").GetString()));
            Assert.Equal(Path.Combine(Root, "fixtures/lmdb/caffe_clean"), Path.GetFullPath(datasets[2].GetProperty("path").GetString()!));
            var settings = report.RootElement.GetProperty("settings");
            Assert.Equal(10, settings.GetProperty("numClasses").GetInt64());
            Assert.Equal([64], settings.GetProperty("batchSizes").EnumerateArray().Select(b => b.GetInt32()));
            Assert.Equal("train", Options(report).GetProperty("phase").GetString());
            Assert.EndsWith("lenet_solver.prototxt", Options(report).GetProperty("net").GetString());
        }
    }

    [Fact]
    public void FlagsGiven_WinOverTheNets()
    {
        var (_, report) = Scan("--net", Prototxt("lenet/lenet_train_test.prototxt"), "-K", "2", "-b", "8");
        using (report)
        {
            var settings = report.RootElement.GetProperty("settings");
            Assert.Equal(2, settings.GetProperty("numClasses").GetInt64());
            Assert.Equal([8], settings.GetProperty("batchSizes").EnumerateArray().Select(b => b.GetInt32()));
        }
    }

    [Fact]
    public void PhaseTest_ScansTheTestSource()
    {
        var (_, report) = Scan("--net", Prototxt("lenet/lenet_train_test.prototxt"), "--phase", "TEST");
        using (report)
        {
            var definition = report.RootElement.GetProperty("datasets")[0].GetProperty("definition");
            Assert.Equal("TEST", definition.GetProperty("phase").GetString());
            var source = definition.GetProperty("dataLayers")[0];
            Assert.Equal(100, source.GetProperty("batchSize").GetInt32());
            Assert.Equal([100], report.RootElement.GetProperty("settings").GetProperty("batchSizes").EnumerateArray().Select(b => b.GetInt32()));
        }
    }

    [Fact]
    public void Hdf5Net_TopsAndClassesFromTheNet_MeanAndCropFromCifar()
    {
        var (_, fcn) = Scan("--net", Prototxt("fcn/train_val.prototxt"));
        using (fcn)
        {
            var datasets = fcn.RootElement.GetProperty("datasets").EnumerateArray().ToList();
            Assert.Equal("hdf5", datasets[1].GetProperty("format").GetString());
            var options = Options(fcn);
            Assert.Equal(3, fcn.RootElement.GetProperty("settings").GetProperty("numClasses").GetInt64());
            Assert.NotEqual(JsonValueKind.Null, options.GetProperty("data").ValueKind);
        }
        var (_, cifar) = Scan("--net", Prototxt("cifar10_quick/cifar10_quick_train_test.prototxt"));
        using (cifar)
        {
            Assert.EndsWith(".binaryproto", Options(cifar).GetProperty("mean-file").GetString());
            Assert.Equal(100, cifar.RootElement.GetProperty("settings").GetProperty("batchSizes")[0].GetInt32());
        }
    }

    [Fact]
    public void ListedPaths_OpenedFromTheWorkdir_AsCaffeOpensThem()
    {
        // Caffe opens an HDF5 list's entries, and an ImageData list's paths without a root_folder, from where it runs:
        // here neither is beside its list, nor under the test's own directory.
        using var work = new TempDirectory();
        Directory.CreateDirectory(work.Combine("data"));
        Directory.CreateDirectory(work.Combine("lists"));
        Directory.CreateDirectory(work.Combine("imgs"));
        File.Copy(Fixtures.Path(Fixtures.Hdf5.Good.RowsFlat), work.Combine("data", "a.h5"));
        File.Copy(Fixtures.Path("images/tree/cat/cat_000.jpg"), work.Combine("imgs", "c.jpg"));
        File.WriteAllText(work.Combine("lists", "h5.txt"), "data/a.h5\n");
        File.WriteAllText(work.Combine("lists", "img.txt"), "imgs/c.jpg 0\n");
        var net = work.Combine("net.prototxt");
        File.WriteAllText(net, """
            layer { name: "h5" type: "HDF5Data" top: "data" top: "label" hdf5_data_param { source: "lists/h5.txt" batch_size: 2 } }
            layer { name: "img" type: "ImageData" top: "image" top: "l2" image_data_param { source: "lists/img.txt" batch_size: 1 } }
            """);
        var run = CliRun.InProcess("scan", "--net", net, "--workdir", work.Path, "--json", "-", "--quiet", "--fail-on", "never");
        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var datasets = doc.RootElement.GetProperty("datasets").EnumerateArray().ToList();
        Assert.Equal(["caffe-net", "hdf5", "images"], datasets.Select(d => d.GetProperty("format").GetString()));
        Assert.Equal(6, datasets[1].GetProperty("samples").GetInt64());
        Assert.Equal(1, datasets[2].GetProperty("samples").GetInt64());
        Assert.All(datasets, d => Assert.DoesNotContain(d.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "missing-file"));
    }

    [Fact]
    public void PathsGiven_AreScannedWithTheNetsSettings()
    {
        var (_, report) = Scan(Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--net", Prototxt("broken/net_missing_source.prototxt"));
        using (report)
        {
            var datasets = report.RootElement.GetProperty("datasets").EnumerateArray().ToList();
            Assert.Equal(["caffe-net", "lmdb"], datasets.Select(d => d.GetProperty("format").GetString()));
            Assert.Equal("missing-data-source", datasets[0].GetProperty("findings")[0].GetProperty("kind").GetString());
            Assert.Equal(10, report.RootElement.GetProperty("settings").GetProperty("numClasses").GetInt64());
        }
    }

    [Fact]
    public void MissingSource_IsTheNetsFinding_NotAnUnreadableDataset()
    {
        var run = CliRun.InProcess("scan", "--net", Prototxt("broken/net_missing_source.prototxt"), "--workdir", Root, "--json", "-", "--quiet");
        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        Assert.Equal("", run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Single(doc.RootElement.GetProperty("datasets").EnumerateArray());
    }

    [Theory]
    [InlineData(new[] { "scan" }, "give a dataset PATH to scan, or --net PROTOTXT")]
    [InlineData(new[] { "scan", "fixtures/lmdb/caffe_clean", "--phase", "test" }, "--phase and --workdir go with --net")]
    [InlineData(new[] { "scan", "--net", "fixtures/prototxt/lenet/lenet_train_test.prototxt", "--shard", "0/2", "--json", "/tmp/x.json" }, "--net does not go with --shard")]
    [InlineData(new[] { "scan", "--net", "x.prototxt", "--phase", "deploy" }, "--phase: 'deploy' is not one of train, test")]
    public void UsageErrors_Exit2(string[] args, string message)
    {
        var run = CliRun.InProcess(args);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void ShippedBinary_LintsAndScansTheNet()
    {
        // The Native AOT binary: the text-format parser fills messages through protobuf's reflection.
        var run = CliRun.ProcessIn(Root, null, "scan", "--net", "fixtures/prototxt/lenet/lenet_solver.prototxt", "--json", "-", "--quiet", "--fail-on", "never");
        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(["caffe-solver", "caffe-net", "lmdb"], doc.RootElement.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("format").GetString()));
        var lint = CliRun.ProcessIn(Root, null, "lint", "fixtures/prototxt/broken/net_pool_stride.prototxt", "fixtures/prototxt/legacy/lenet_v1_train_test.prototxt", "--json", "-", "--quiet");
        Assert.True(lint.ExitCode == ExitCodes.Clean, lint.ToString());
        Assert.Contains("\"pool-stride\"", lint.Out);
    }
}
