using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Hdf5;

/// <summary>Every HDF5 fixture written by h5py (fixtures/make_hdf5_fixtures.py) scans to exactly the findings
/// its expected.json lists: row findings in order, file-level findings by kind, file and dataset.</summary>
public class Hdf5FixtureTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var expected in Directory.GetFiles(Fixtures.Path(Fixtures.Hdf5.Folder), "*.expected.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(expected));
            data.Add(doc.RootElement.GetProperty("input").GetString()!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Scan_H5pyFixture_ListsExactlyThePlantedFindings(string input)
    {
        var inputPath = Fixtures.Path(Fixtures.Hdf5.Folder + "/" + input);
        var expectedPath = Fixtures.Path(Fixtures.Expected(Fixtures.Hdf5.Folder + "/" + input));
        using var expectedDoc = JsonDocument.Parse(File.ReadAllText(expectedPath));
        var expected = expectedDoc.RootElement;

        // Duplicates are the duplicate analysis' business (a list naming a file twice repeats every row).
        var run = CliRun.InProcess("scan", inputPath, "--format", "hdf5", "--json", "-", "--quiet", "--fail-on", "never", "--no-duplicates");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        Assert.Equal(expected.GetProperty("samples").GetInt64(), dataset.GetProperty("samples").GetInt64());
        // What the files declare (rows never written included), given when it differs from the rows read.
        var declared = expected.TryGetProperty("expected_samples", out var d) ? d : expected.GetProperty("samples");
        Assert.Equal(declared.GetInt64(), dataset.GetProperty("expectedSamples").GetInt64());

        var actual = dataset.GetProperty("findings").EnumerateArray().ToList();
        var expectedFindings = expected.GetProperty("findings").EnumerateArray().ToList();
        static bool IsRow(JsonElement f) => f.GetProperty("sample").ValueKind != JsonValueKind.Null && f.GetProperty("kind").GetString() != "missing-file";
        Assert.Equal(expectedFindings.Where(IsRow).Select(ExpectedFinding.From), actual.Where(IsRow).Select(ExpectedFinding.From));

        // File-level findings name their file; the label and statistics analyses' dataset-level findings
        // (class-absent here: labels 0, 2, 3) are asserted by LabelFixtureTests.
        var fileLevel = actual.Where(f => !IsRow(f) && f.TryGetProperty("file", out _)).ToList();
        foreach (var e in expectedFindings.Where(f => !IsRow(f)))
        {
            var kind = e.GetProperty("kind").GetString();
            var file = e.GetProperty("file").GetString();
            var mine = fileLevel.Where(f => f.GetProperty("kind").GetString() == kind && f.GetProperty("file").GetString() == file).ToList();
            // One finding per dataset where each dataset has its own cause (a type, a filter, its values per row
            // against the list's first file), one per file where they only disagree with each other (N), one per
            // unwritten range (asserted below).
            var datasets = e.GetProperty("datasets").GetArrayLength();
            var perDataset = kind is "unsupported-type" or "unsupported-filter" || (kind == "shape-mismatch" && e.GetProperty("detail").TryGetProperty("trailing", out _));
            if (kind != "unwritten-rows")
                Assert.True((perDataset ? datasets : 1) == mine.Count, $"{mine.Count} {kind} findings for {file} in\n{run.Out}");
            foreach (var name in e.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()!))
                Assert.Contains(mine, f => f.GetProperty("field").GetString() == name || f.GetProperty("message").GetString()!.Contains(name));
            // Row ranges (unwritten-rows): one finding per range, with its first row and row count.
            if (kind == "unwritten-rows")
                Assert.Equal(
                    e.GetProperty("detail").GetProperty("rows").EnumerateObject()
                        .SelectMany(p => p.Value.EnumerateArray().Select(r => $"{p.Name} {r[0].GetInt64()}+{r[1].GetInt64() - r[0].GetInt64()}")).Order(),
                    mine.Select(f => $"{f.GetProperty("field").GetString()} {f.GetProperty("firstRow").GetInt64()}+{f.GetProperty("rowCount").GetInt64()}").Order());
        }
        Assert.Equal(
            expectedFindings.Where(f => !IsRow(f)).Select(f => (f.GetProperty("kind").GetString(), f.GetProperty("file").GetString())).Distinct().Order(),
            fileLevel.Select(f => (f.GetProperty("kind").GetString(), f.GetProperty("file").GetString())).Distinct().Order());

        var labels = dataset.GetProperty("labels").GetProperty("histogram").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        if (expected.GetProperty("labels").ValueKind == JsonValueKind.Null)
            Assert.Empty(labels);
        else
        {
            Assert.Equal(expected.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()), labels);
            Assert.Equal(expected.GetProperty("unlabelled").GetInt64(), dataset.GetProperty("labels").GetProperty("unlabelled").GetInt64());
        }
    }

    [Fact]
    public void Scan_Auto_DetectsFilesDirectoriesAndLists()
    {
        foreach (var path in new[] { Fixtures.Path(Fixtures.Hdf5.Bad.F64), Fixtures.Path(Fixtures.Hdf5.Lists.Mixed), Fixtures.Path(Fixtures.Hdf5.Folder) })
        {
            var run = CliRun.InProcess("scan", path, "--json", "-", "--quiet", "--fail-on", "never");
            using var doc = JsonDocument.Parse(run.Out);
            Assert.Equal("hdf5", doc.RootElement.GetProperty("datasets")[0].GetProperty("format").GetString());
        }
    }

    [Fact]
    public void Scan_DataAndLabelOptions_ChooseTheDatasets()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Hdf5.Bad.F64), "--data", "label", "--label", "nope", "--json", "-", "--quiet");

        using var doc = JsonDocument.Parse(run.Out);
        var findings = doc.RootElement.GetProperty("datasets")[0].GetProperty("findings").EnumerateArray().ToList();
        // 'data' is not chosen, so its NaN/Inf rows are not reported; the label's NaN row is; 'nope' is missing.
        Assert.Equal(["f64.h5#6"], findings.Where(f => f.GetProperty("kind").GetString() == "nan").Select(f => f.GetProperty("sample").GetString()));
        var missing = Assert.Single(findings, f => f.GetProperty("kind").GetString() == "missing-dataset");
        Assert.Equal("nope", missing.GetProperty("field").GetString());
        Assert.Equal(ExitCodes.Findings, run.ExitCode);
    }

    [Fact]
    public void Scan_NotHdf5_OneLineAndExit3()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("x.h5");
        File.WriteAllText(file, "not hdf5");

        var run = CliRun.InProcess("scan", file, "--format", "hdf5", "--quiet");

        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.Contains("not an HDF5 file", run.Error);
    }

    [Fact]
    public void Scan_TruncatedContiguousFile_IsAFindingNotACrash()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("cut.h5");
        var bytes = File.ReadAllBytes(Fixtures.Path(Fixtures.Hdf5.Bad.ContiguousF32));
        File.WriteAllBytes(file, bytes[..(bytes.Length - 2000)]);

        var run = CliRun.InProcess("scan", file, "--json", "-", "--quiet");

        Assert.True(run.ExitCode is ExitCodes.Findings or ExitCodes.Unreadable, run.ToString());
        Assert.DoesNotContain("internal error", run.Error);
    }
}
