using System.Text.RegularExpressions;
using DataScrub.Findings;
using DataScrub.Formats.Caffe.Lint;
using DataScrub.Formats.Caffe.Proto;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Caffe.Lint;

/// <summary>
/// fixtures/prototxt (not bvlc/): the paths the good nets and solvers name exist (scans run from the repository
/// root), each broken file carries its one defect, the InfogainLoss H files decode as intended, and the solvers give
/// the learning-rate problems their first-line comments promise. No prototxt parser yet: paths are found by regex.
/// </summary>
public class PrototxtFixturesTests
{
    private static readonly string Root = Path.Combine(Fixtures.RepositoryRoot, "fixtures", "prototxt");
    private static readonly Regex PathField = new("""\b(source|mean_file|net|root_folder)\s*:\s*"([^"]*)" """.TrimEnd(), RegexOptions.Compiled);

    private static string[] GoodFileList() =>
        [.. new[] { "lenet", "cifar10_quick", "fcn", "legacy" }
            .SelectMany(dir => Directory.GetFiles(Path.Combine(Root, dir), "*.prototxt"))
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> GoodFiles => new(GoodFileList());

    public static TheoryData<string> BrokenFiles => new(
        Directory.GetFiles(Path.Combine(Root, "broken"), "*.prototxt").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    private static IEnumerable<string> NamedPaths(string text) => PathField.Matches(text).Select(m => m.Groups[2].Value);

    private static bool Exists(string relative)
    {
        var full = Path.Combine(Fixtures.RepositoryRoot, relative);
        return File.Exists(full) || Directory.Exists(full);
    }

    [Fact]
    public void GoodFiles_AreTheCatalogue()
    {
        Assert.Equal(
            ["cifar10_quick/cifar10_quick_solver.prototxt", "cifar10_quick/cifar10_quick_train_test.prototxt", "fcn/solver.prototxt", "fcn/train_val.prototxt",
             "legacy/imagedata_v1.prototxt", "legacy/lenet_v1_train_test.prototxt", "lenet/lenet_multistep_solver.prototxt", "lenet/lenet_solver.prototxt",
             "lenet/lenet_train_test.prototxt"],
            GoodFileList());
    }

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void GoodFile_EveryNamedPathExistsFromTheRepositoryRoot(string file)
    {
        var paths = NamedPaths(File.ReadAllText(Path.Combine(Root, file))).ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.True(Exists(path), $"{file}: {path} does not exist"));
    }

    [Fact]
    public void FcnHdf5List_NamesAnExistingFileRelativeToTheList()
    {
        var list = Path.Combine(Root, "fcn", "train_h5_list.txt");
        var entries = File.ReadAllLines(list).Where(line => line.Length > 0).ToList();
        Assert.Equal(["../../hdf5/segmentation.h5"], entries);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(list)!, entries[0])));
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void BrokenFile_SaysWhatIsWrongAndAllItsOtherPathsExist(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "broken", file));
        Assert.StartsWith("# BROKEN (copy of fixtures/prototxt/", lines[0]);
        Assert.Contains("Expect", lines[0]);
        var missing = NamedPaths(string.Join('\n', lines.Skip(1))).Where(path => !Exists(path)).ToList();
        string[] expectedMissing = file switch
        {
            "net_missing_source.prototxt" => ["fixtures/lmdb/no_such_lmdb"],
            "solver_missing_net.prototxt" => ["fixtures/prototxt/lenet/no_such_train_test.prototxt"],
            _ => [],
        };
        Assert.Equal(expectedMissing, missing);
    }

    [Theory]
    // Rows of 3/4, 1/8, 1/8: exact in float32, every row sums to exactly 1.
    [InlineData("fcn/infogain_H.binaryproto", new[] { 0.75f, 0.125f, 0.125f, 0.125f, 0.75f, 0.125f, 0.125f, 0.125f, 0.75f })]
    [InlineData("broken/infogain_H_nan.binaryproto", new[] { 0.75f, 0.125f, 0.125f, 0.125f, float.NaN, 0.125f, 0.125f, 0.125f, 0.75f })]
    [InlineData("broken/infogain_H_negative.binaryproto", new[] { 1.25f, -0.25f, 0f, 0.125f, 0.75f, 0.125f, 0.125f, 0.125f, 0.75f })]
    [InlineData("broken/infogain_H_rows.binaryproto", new[] { 0.75f, 0.125f, 0.125f, 0.125f, 0.75f, 0.125f, 0.25f, 0.25f, 1.5f })]
    public void InfogainH_DecodesAsA1x1x3x3BlobProto(string file, float[] values)
    {
        var blob = BlobProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(Root, file)));
        Assert.Equal([1L, 1L, 3L, 3L], blob.Shape.Dim);
        // The generator writes Python's NaN, 0x7fc00000; C#'s float.NaN is 0xffc00000.
        Assert.Equal(values.Select(v => float.IsNaN(v) ? 0x7fc00000u : BitConverter.SingleToUInt32Bits(v)), blob.Data.Select(BitConverter.SingleToUInt32Bits));
        Assert.Empty(blob.DoubleData);
        Assert.Equal(0, blob.Num); // the legacy 4-D fields are left unset
    }

    [Fact]
    public void InfogainH_RowSums()
    {
        float[] RowSums(string file)
        {
            var data = BlobProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(Root, file))).Data;
            return [.. Enumerable.Range(0, 3).Select(row => data[3 * row] + data[3 * row + 1] + data[3 * row + 2])];
        }
        Assert.Equal([1f, 1f, 1f], RowSums("fcn/infogain_H.binaryproto"));
        Assert.Equal([1f, 1f, 1f], RowSums("broken/infogain_H_negative.binaryproto"));
        Assert.Equal([1f, 1f, 2f], RowSums("broken/infogain_H_rows.binaryproto"));
    }

    [Theory]
    [InlineData("lenet/lenet_solver.prototxt")]
    [InlineData("lenet/lenet_multistep_solver.prototxt")]
    [InlineData("cifar10_quick/cifar10_quick_solver.prototxt")]
    [InlineData("fcn/solver.prototxt")]
    [InlineData("broken/solver_missing_net.prototxt")]
    public void SolverFixture_WithASaneSchedule_HasNoLearningRateProblem(string file) =>
        Assert.Empty(LearningRateSchedule.Check(SolverText.ParseFile(Path.Combine(Root, file))));

    public static TheoryData<string, string[]> BrokenSolvers => new()
    {
        // iteration 0: 1 - 0/0 = NaN; from 1: powf(1 - iter/0, 0.75) = powf(-inf, 0.75) = +inf (lenet's power).
        { "solver_poly_no_max_iter.prototxt", ["Error max_iter 0 1", "Error max_iter 1 999999"] },
        { "solver_step_no_stepsize.prototxt", ["Error stepsize 0 -"] },
        // 0.01 * 1.01^9380 passes FLT_MAX in double: 9380 = ceil(ln(3.4028235e40) / ln(1.01)); max_iter 10000 leaves 620.
        { "solver_exp_gamma_above_one.prototxt", ["Error gamma 9380 620", "Warning gamma 1 9380"] },
        { "solver_inv_negative_power.prototxt", ["Warning power 1 9999"] },
        { "solver_unknown_policy.prototxt", ["Error lr_policy 0 -"] },
        { "solver_negative_base_lr.prototxt", ["Error base_lr 0 10000"] },
        // 7000 passed at 7000; 5000 is behind, so it is passed at the next call, 7001.
        { "solver_multistep_unordered.prototxt", ["Warning stepvalue 7001 -"] },
    };

    [Theory]
    [MemberData(nameof(BrokenSolvers))]
    public void BrokenSolver_GivesTheProblemsItsCommentNames(string file, string[] expected)
    {
        var problems = LearningRateSchedule.Check(SolverText.ParseFile(Path.Combine(Root, "broken", file)));
        Assert.Equal(expected, problems.Select(p => $"{p.Severity} {p.Field} {p.FirstIteration?.ToString() ?? "-"} {p.Iterations?.ToString() ?? "-"}"));
        Assert.All(problems, p => Assert.True(p.Severity is Severity.Error or Severity.Warning));
    }
}
