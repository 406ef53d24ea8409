using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli;

/// <summary>
/// <c>datascrub lint</c> on the prototxt fixtures (fixtures/prototxt/README.md): each broken file gives exactly the
/// findings it was written for, at the line it is about; the good nets and every BVLC example give none but their
/// missing data; parse errors and unreadable files are exit 3 with one stderr line.
/// </summary>
public class LintCommandTests
{
    private static readonly string Root = Fixtures.RepositoryRoot;

    private static string Prototxt(string name) => Fixtures.Path($"prototxt/{name}");

    private static CliRun Lint(params string[] args) => CliRun.InProcess(["lint", .. args, "--workdir", Root, "--json", "-", "--quiet"]);

    private static List<(string Kind, string Severity, int? Line, string? Field)> Findings(JsonElement dataset) =>
        [.. dataset.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("kind").GetString()!, f.GetProperty("severity").GetString()!,
            f.TryGetProperty("line", out var line) ? line.GetInt32() : (int?)null, f.GetProperty("field").GetString()))];

    /// <summary>The line of the first text line, at or after the line holding <paramref name="after"/>, that holds <paramref name="text"/>.</summary>
    private static int LineOf(string file, string after, string text)
    {
        var lines = File.ReadAllLines(Prototxt(file));
        var start = Array.FindIndex(lines, l => l.Contains(after, StringComparison.Ordinal));
        Assert.True(start >= 0, $"{after} not in {file}");
        var at = Array.FindIndex(lines, start, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(at >= 0, $"{text} not after {after} in {file}");
        return at + 1;
    }

    public static TheoryData<string, string, string, string, string, string> BrokenNets => new()
    {
        // file, kind, severity, field, the line: the first line holding the last text after the line holding the one before
        { "broken/net_pool_stride.prototxt", "pool-stride", "warning", "layer[pool1].pooling_param.stride", "name: \"pool1\"", "stride:" },
        { "broken/net_batchnorm_eps_zero.prototxt", "batchnorm-eps", "error", "layer[bn2_1].batch_norm_param.eps", "name: \"bn2_1\"", "eps:" },
        { "broken/net_batchnorm_eps_tiny.prototxt", "batchnorm-eps", "warning", "layer[bn2_1].batch_norm_param.eps", "name: \"bn2_1\"", "eps:" },
        { "broken/net_batchnorm_global_stats_train.prototxt", "batchnorm-eps", "warning", "layer[bn2_1].batch_norm_param.use_global_stats", "name: \"bn2_1\"", "use_global_stats:" },
        { "broken/net_infogain_nan.prototxt", "infogain-matrix", "error", "layer[loss].infogain_loss_param.source", "type: \"InfogainLoss\"", "source:" },
        { "broken/net_infogain_negative.prototxt", "infogain-matrix", "error", "layer[loss].infogain_loss_param.source", "type: \"InfogainLoss\"", "source:" },
        { "broken/net_infogain_rows.prototxt", "infogain-matrix", "error", "layer[loss].infogain_loss_param.source", "type: \"InfogainLoss\"", "source:" },
        { "broken/net_loss_weight.prototxt", "loss-weight", "warning", "layer[loss_aux].loss_weight", "name: \"loss_aux\"", "loss_weight:" },
        { "broken/net_missing_source.prototxt", "missing-data-source", "error", "layer[mnist].data_param.source", "name: \"mnist\"", "source:" },
    };

    [Theory]
    [MemberData(nameof(BrokenNets))]
    public void BrokenNet_ItsOneFinding_AtItsLine(string file, string kind, string severity, string field, string after, string text)
    {
        var run = Lint(Prototxt(file));
        Assert.True(run.ExitCode is ExitCodes.Findings or ExitCodes.Clean, run.ToString());
        Assert.Equal(severity == "error" ? ExitCodes.Findings : ExitCodes.Clean, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var dataset = Assert.Single(doc.RootElement.GetProperty("datasets").EnumerateArray());
        Assert.Equal("caffe-net", dataset.GetProperty("format").GetString());
        var finding = Findings(dataset).First();
        Assert.Equal((kind, severity, LineOf(file, after, text), field), finding);
        Assert.All(Findings(dataset), f => Assert.Equal(kind, f.Kind));
    }

    public static TheoryData<string, string[]> BrokenSolvers => new()
    {
        // file, the lr-policy findings as "severity field", in report order (by line, then as made)
        { "broken/solver_poly_no_max_iter.prototxt", ["error max_iter", "error max_iter"] },
        { "broken/solver_step_no_stepsize.prototxt", ["error stepsize"] },
        { "broken/solver_exp_gamma_above_one.prototxt", ["error gamma", "warning gamma"] },
        { "broken/solver_inv_negative_power.prototxt", ["warning power"] },
        { "broken/solver_unknown_policy.prototxt", ["error lr_policy"] },
        { "broken/solver_negative_base_lr.prototxt", ["error base_lr"] },
        { "broken/solver_multistep_unordered.prototxt", ["warning stepvalue"] },
    };

    [Theory]
    [MemberData(nameof(BrokenSolvers))]
    public void BrokenSolver_ItsLearningRateFindings_AtTheFieldsLine(string file, string[] expected)
    {
        using var doc = JsonDocument.Parse(Lint(Prototxt(file), "--fail-on", "never").Out);
        var solver = doc.RootElement.GetProperty("datasets")[0];
        Assert.Equal("caffe-solver", solver.GetProperty("format").GetString());
        var findings = Findings(solver);
        Assert.Equal(expected, findings.Select(f => $"{f.Severity} {f.Field}"));
        var lines = File.ReadAllLines(Prototxt(file));
        foreach (var f in findings)
        {
            // The field's line, or the policy's when the field is missing.
            var at = Array.FindIndex(lines, l => l.TrimStart().StartsWith(f.Field + ":", StringComparison.Ordinal));
            if (at < 0) at = Array.FindIndex(lines, l => l.TrimStart().StartsWith("lr_policy:", StringComparison.Ordinal));
            Assert.Equal(at + 1, f.Line);
        }
        // Its train net (the good LeNet) is linted with it, clean.
        Assert.Empty(Findings(doc.RootElement.GetProperty("datasets")[1]));
    }

    [Fact]
    public void SolverSection_RatesAsCaffeComputesThem()
    {
        using var doc = JsonDocument.Parse(Lint(Prototxt("lenet/lenet_solver.prototxt")).Out);
        var rate = doc.RootElement.GetProperty("datasets")[0].GetProperty("definition").GetProperty("learningRate");
        Assert.Equal("inv", rate.GetProperty("policy").GetString());
        Assert.Equal(10000, rate.GetProperty("iterations").GetInt64());
        var rates = rate.GetProperty("rates").EnumerateArray().ToDictionary(r => r.GetProperty("iteration").GetInt64(), r => r.GetProperty("rate").GetSingle());
        Assert.Equal([0, 2500, 5000, 7500, 9999], rates.Keys);
        // 0.01 * (1 + 0.0001 * 5000)^-0.75 in float: 1.5^-0.75 = 0.7377879...
        Assert.Equal(BitConverter.Int32BitsToSingle(0x3bf1c223), rates[5000]);
    }

    [Fact]
    public void PoolStride_BothLayers_KernelAndStrideHW()
    {
        using var doc = JsonDocument.Parse(Lint(Prototxt("broken/net_pool_stride.prototxt")).Out);
        Assert.Equal(["layer[pool1].pooling_param.stride", "layer[pool2].pooling_param.stride_w"],
            Findings(doc.RootElement.GetProperty("datasets")[0]).Select(f => f.Field));
    }

    public static TheoryData<string> GoodDefinitions => new()
    {
        "lenet/lenet_solver.prototxt", "lenet/lenet_train_test.prototxt", "cifar10_quick/cifar10_quick_solver.prototxt",
        "cifar10_quick/cifar10_quick_train_test.prototxt", "fcn/solver.prototxt", "fcn/train_val.prototxt",
        "legacy/lenet_v1_train_test.prototxt", "legacy/imagedata_v1.prototxt",
    };

    [Theory]
    [MemberData(nameof(GoodDefinitions))]
    public void GoodDefinition_NoFindings_Exit0(string file)
    {
        var run = Lint(Prototxt(file));
        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        foreach (var dataset in doc.RootElement.GetProperty("datasets").EnumerateArray())
            Assert.Empty(Findings(dataset));
    }

    [Fact]
    public void EveryBvlcExample_Parses_OnlyItsDataIsMissing()
    {
        // Caffe's own examples and model zoo, run from an empty directory: every data source and mean file is missing,
        // and nothing else is a finding (no false pool-stride, loss-weight, batchnorm-eps, lr-policy).
        using var empty = new TempDirectory();
        var files = Directory.GetFiles(Fixtures.Path("prototxt/bvlc"), "*.prototxt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 50, $"{files.Length} BVLC prototxt files");
        var run = CliRun.InProcess(["lint", .. files, "--workdir", empty.Path, "--json", "-", "--quiet", "--fail-on", "never"]);
        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var datasets = doc.RootElement.GetProperty("datasets").EnumerateArray().ToList();
        Assert.True(datasets.Count >= files.Length);
        var kinds = datasets.SelectMany(Findings).Select(f => f.Kind).Distinct().ToList();
        Assert.Equal(["missing-data-source"], kinds);
        // The LeNet net found its 10 classes and its LMDB.
        var lenet = datasets.Single(d => d.GetProperty("path").GetString()!.EndsWith("examples/mnist/lenet_train_test.prototxt", StringComparison.Ordinal));
        var definition = lenet.GetProperty("definition");
        Assert.Equal(10, definition.GetProperty("numClasses").GetInt64());
        Assert.Equal("lmdb", definition.GetProperty("dataLayers")[0].GetProperty("format").GetString());
    }

    [Fact]
    public void SyntaxError_Exit3_OneLineNamingFileLineAndColumn()
    {
        using var work = new TempDirectory();
        var file = work.Combine("bad.prototxt");
        File.WriteAllText(file, "name: \"x\"\nlayer {\n  name: \"a\"\n  type: \"ReLU\"\n  bottom: 3x\n}\n");
        var run = CliRun.InProcess("lint", file, "--json", work.Combine("r.json"));
        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.StartsWith($"datascrub: {file}:5:", run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        using var doc = JsonDocument.Parse(File.ReadAllText(work.Combine("r.json")));
        Assert.Contains($"{file}:5:", doc.RootElement.GetProperty("datasets")[0].GetProperty("error").GetString());
    }

    [Fact]
    public void SolverWhoseNetDoesNotParse_KeepsItsFindings_TheNetIsUnreadable()
    {
        using var work = new TempDirectory();
        File.WriteAllText(work.Combine("net.prototxt"), "layer { name: \"a\" type: \"ReLU\" \n");
        var solver = work.Combine("solver.prototxt");
        File.WriteAllText(solver, "net: \"net.prototxt\"\nbase_lr: 0.01\nlr_policy: \"poly\"\npower: 0.9\n");
        var run = CliRun.InProcess("lint", solver, "--workdir", work.Path, "--json", "-", "--quiet");
        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.Contains("net.prototxt:", run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var datasets = doc.RootElement.GetProperty("datasets").EnumerateArray().ToList();
        Assert.Equal(2, datasets.Count);
        Assert.Contains(Findings(datasets[0]), f => f.Kind == "lr-policy" && f.Field == "max_iter");
        Assert.True(datasets[1].TryGetProperty("error", out _));
    }

    [Theory]
    [InlineData("fixtures/images/tree/", null)]
    [InlineData("fixtures/images/tree", "does not end with '/'")]
    [InlineData("fixtures/images/nowhere/", "its root_folder fixtures/images/nowhere/ does not exist")]
    public void ImageDataRootFolder_AsCaffeJoinsIt(string root, string? problem)
    {
        // ImageDataLayer opens root_folder + line: without the '/', 'tree' + 'cat/x.jpg' is 'treecat/x.jpg'.
        using var work = new TempDirectory();
        var file = work.Combine("net.prototxt");
        File.WriteAllText(file, $$"""
            layer { name: "data" type: "ImageData" top: "data" top: "label"
                    image_data_param { source: "fixtures/images/tree/train.txt" root_folder: "{{root}}" batch_size: 4 } }
            """);
        using var doc = JsonDocument.Parse(Lint(file).Out);
        var findings = doc.RootElement.GetProperty("datasets")[0].GetProperty("findings").EnumerateArray().ToList();
        if (problem is null)
        {
            Assert.Empty(findings);
            return;
        }
        var finding = Assert.Single(findings);
        Assert.Equal(("missing-data-source", "layer[data].image_data_param.root_folder", 2),
            (finding.GetProperty("kind").GetString(), finding.GetProperty("field").GetString(), finding.GetProperty("line").GetInt32()));
        Assert.Contains(problem, finding.GetProperty("message").GetString());
    }

    [Fact]
    public void MissingFileOrDirectory_Exit3()
    {
        using var work = new TempDirectory();
        var missing = CliRun.InProcess("lint", work.Combine("nope.prototxt"), "--quiet");
        Assert.Equal(ExitCodes.Unreadable, missing.ExitCode);
        Assert.Contains("no such file", missing.Error);
        var folder = CliRun.InProcess("lint", work.Path, "--quiet");
        Assert.Equal(ExitCodes.Unreadable, folder.ExitCode);
        Assert.Contains("a directory", folder.Error);
    }

    [Fact]
    public void Severity_And_FailOn_AsForAScan()
    {
        var file = Prototxt("broken/net_pool_stride.prototxt");
        Assert.Equal(ExitCodes.Findings, CliRun.InProcess("lint", file, "--workdir", Root, "--quiet", "--fail-on", "warning").ExitCode);
        var off = CliRun.InProcess("lint", file, "--workdir", Root, "--json", "-", "--quiet", "--severity", "pool-stride=off", "--fail-on", "warning");
        Assert.Equal(ExitCodes.Clean, off.ExitCode);
        using var doc = JsonDocument.Parse(off.Out);
        Assert.Empty(Findings(doc.RootElement.GetProperty("datasets")[0]));
        var error = CliRun.InProcess("lint", file, "--workdir", Root, "--quiet", "--severity", "pool-stride=error");
        Assert.Equal(ExitCodes.Findings, error.ExitCode);
    }

    [Fact]
    public void Console_NamesFileAndLine_HtmlAndMarkdownAreWritten()
    {
        using var work = new TempDirectory();
        var file = Prototxt("broken/net_loss_weight.prototxt");
        var run = CliRun.InProcess("lint", file, "--workdir", Root, "--html", work.Combine("r.html"), "--markdown", work.Combine("r.md"));
        Assert.Contains($"{file}:{LineOf("broken/net_loss_weight.prototxt", "name: \"loss_aux\"", "loss_weight:")} layer[loss_aux].loss_weight", run.Out);
        Assert.Contains("[caffe-net]", run.Out);
        Assert.DoesNotContain("samples", run.Out.Split('\n')[0]);
        Assert.Contains("loss-weight", File.ReadAllText(work.Combine("r.html")));
        Assert.Contains("loss-weight", File.ReadAllText(work.Combine("r.md")));
        Assert.Contains("| caffe-net | definition |", File.ReadAllText(work.Combine("r.md")));
        Assert.DoesNotContain("bytes read", File.ReadAllText(work.Combine("r.html")));
    }

    [Fact]
    public void UnknownField_OfAFork_IsAWarning_TheRestIsChecked()
    {
        using var work = new TempDirectory();
        var file = work.Combine("ssd.prototxt");
        File.WriteAllText(file, """
            layer {
              name: "pool"
              type: "Pooling"
              bottom: "x"
              top: "pool"
              pooling_param { pool: AVE kernel_size: 2 stride: 4 }
            }
            layer {
              name: "priorbox"
              type: "PriorBox"
              bottom: "pool"
              top: "prior"
              prior_box_param { min_size: 30.0 aspect_ratio: [2, 3] flip: true }
            }
            """);
        var run = CliRun.InProcess("lint", file, "--json", "-", "--quiet");
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal([("pool-stride", "warning", 6, "layer[pool].pooling_param.stride"), ("unknown-field", "warning", 13, "prior_box_param")],
            Findings(doc.RootElement.GetProperty("datasets")[0]));
    }
}
