using System.Text.Json;
using System.Text.Json.Nodes;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli;

/// <summary>--baseline and --fail-on-new: what is new since an accepted report, and a gate on only that.</summary>
public sealed class BaselineTests
{
    private static readonly string Mixed = Fixtures.Path(Fixtures.Lmdb.Bad.Mixed);

    private static string Accept(TempDirectory temp, params string[] extra)
    {
        var path = Path.Combine(temp.Path, "accepted.json");
        var run = CliRun.InProcess(["scan", Mixed, "-q", "--json", path, .. extra]);
        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        return path;
    }

    private static JsonElement Baseline(string report) =>
        JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("datasets")[0].GetProperty("baseline");

    [Fact]
    public void SameData_NothingNew_FailOnNewPasses_WhereThePlainGateFails()
    {
        using var temp = new TempDirectory();
        var accepted = Accept(temp);
        var json = Path.Combine(temp.Path, "now.json");

        var gated = CliRun.InProcess("scan", Mixed, "--baseline", accepted, "--fail-on-new", "--json", json);
        var plain = CliRun.InProcess("scan", Mixed, "--baseline", accepted);

        Assert.Equal(ExitCodes.Clean, gated.ExitCode);
        Assert.Equal(ExitCodes.Findings, plain.ExitCode);
        Assert.Contains("nothing new", gated.Out);
        var baseline = Baseline(json);
        Assert.True(baseline.GetProperty("exact").GetBoolean());
        Assert.Empty(baseline.GetProperty("new").EnumerateObject());
        Assert.Empty(baseline.GetProperty("newFindings").EnumerateArray());
        Assert.Equal(0.0, baseline.GetProperty("labelDrift").GetProperty("totalVariation").GetDouble());
    }

    [Fact]
    public void FindingsMissingFromTheBaseline_AreNew_BySampleAndKind_AndFail()
    {
        using var temp = new TempDirectory();
        var accepted = JsonNode.Parse(File.ReadAllText(Accept(temp)))!;
        // Yesterday's data had no Inf: drop them from the accepted report.
        var dataset = accepted["datasets"]![0]!;
        var findings = dataset["findings"]!.AsArray();
        foreach (var inf in findings.Where(f => f!["kind"]!.GetValue<string>() == "inf").ToList()) findings.Remove(inf);
        dataset["counts"]!.AsObject().Remove("inf");
        var edited = Path.Combine(temp.Path, "edited.json");
        File.WriteAllText(edited, accepted.ToJsonString());
        var json = Path.Combine(temp.Path, "now.json");

        var run = CliRun.InProcess("scan", Mixed, "--baseline", edited, "--fail-on-new", "--json", json);

        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        var baseline = Baseline(json);
        Assert.Equal(2, baseline.GetProperty("new").GetProperty("inf").GetInt64());
        Assert.Equal(["00000012_dog/0012.jpg", "00000019_cat/0019.jpg"],
            baseline.GetProperty("newFindings").EnumerateArray().Select(f => f.GetProperty("sample").GetString()));
        Assert.Contains("new: inf 2", run.Out);
    }

    [Fact]
    public void FindingsGoneSinceTheBaseline_AreCountedAsGone_AndPass()
    {
        using var temp = new TempDirectory();
        var accepted = JsonNode.Parse(File.ReadAllText(Accept(temp)))!;
        var dataset = accepted["datasets"]![0]!;
        dataset["findings"]!.AsArray().Add(JsonNode.Parse("""{"kind": "nan", "severity": "error", "sample": "00000001_gone", "field": "float_data", "count": 1, "index": 0, "message": "fixed since"}"""));
        dataset["counts"]!["nan"] = 4;
        var edited = Path.Combine(temp.Path, "edited.json");
        File.WriteAllText(edited, accepted.ToJsonString());
        var json = Path.Combine(temp.Path, "now.json");

        var run = CliRun.InProcess("scan", Mixed, "--baseline", edited, "--fail-on-new", "--json", json);

        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Equal(1, Baseline(json).GetProperty("gone").GetProperty("nan").GetInt64());
    }

    [Fact]
    public void BaselineListingOnlySome_JudgesByCount_AndSaysItIsNotExact()
    {
        using var temp = new TempDirectory();
        var accepted = Accept(temp, "--max-findings", "1");
        var json = Path.Combine(temp.Path, "now.json");

        var run = CliRun.InProcess("scan", Mixed, "--baseline", accepted, "--fail-on-new", "--json", json);

        // The unlisted NaN of the baseline are not new: the counts did not grow.
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.False(Baseline(json).GetProperty("exact").GetBoolean());
        Assert.Empty(Baseline(json).GetProperty("new").EnumerateObject());
    }

    [Fact]
    public void LabelHistogramDrift_BeyondTheThreshold_IsALabelDriftFinding()
    {
        using var temp = new TempDirectory();
        var accepted = JsonNode.Parse(File.ReadAllText(Accept(temp)))!;
        // Accepted shares 30/5/2/2 of 39; now 14/11/9/5: total variation 0.41.
        accepted["datasets"]![0]!["labels"]!["histogram"] = JsonNode.Parse("""{"0": 30, "1": 5, "2": 2, "3": 2}""");
        var edited = Path.Combine(temp.Path, "edited.json");
        File.WriteAllText(edited, accepted.ToJsonString());
        var json = Path.Combine(temp.Path, "now.json");

        var warned = CliRun.InProcess("scan", Mixed, "--baseline", edited, "--fail-on-new", "--json", json);
        var raised = CliRun.InProcess("scan", Mixed, "--baseline", edited, "--fail-on-new", "--severity", "label-drift=error");
        var loose = CliRun.InProcess("scan", Mixed, "--baseline", edited, "--fail-on-new", "--drift-threshold", "0.5");

        Assert.Equal(ExitCodes.Clean, warned.ExitCode);
        var drift = Baseline(json).GetProperty("labelDrift");
        Assert.Equal(0.410256, drift.GetProperty("totalVariation").GetDouble(), 5);
        Assert.True(drift.GetProperty("drifted").GetBoolean());
        Assert.Equal(0, drift.GetProperty("classes")[0].GetProperty("class").GetInt64());
        var finding = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("datasets")[0].GetProperty("findings").EnumerateArray().Last();
        Assert.Equal("label-drift", finding.GetProperty("kind").GetString());
        Assert.Equal(ExitCodes.Findings, raised.ExitCode);
        Assert.Equal(ExitCodes.Clean, loose.ExitCode);
        Assert.DoesNotContain("label-drift", loose.Out);
    }

    [Fact]
    public void DatasetNotInTheBaseline_IsNewAsAWhole()
    {
        using var temp = new TempDirectory();
        var accepted = Path.Combine(temp.Path, "accepted.json");
        CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), Fixtures.Path(Fixtures.Lmdb.Labels.Classes), "-q", "--json", accepted);

        var run = CliRun.InProcess("scan", Mixed, "--baseline", accepted, "--fail-on-new");

        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        Assert.Contains("has no report of this dataset", run.Out);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"schema": "other/1", "datasets": []}""", "not a DataScrub JSON report")]
    [InlineData("""{"schema": "datascrub-report/1", "datasets": [{"path": 3}]}""", "not a DataScrub report of this schema")]
    [InlineData("""{"schema": "datascrub-report/1", "datasets": [{"path": "p", "labels": {"histogram": {"99999999999999999999": 1}}}]}""", "not a DataScrub report of this schema")]
    [InlineData("""{"schema": "datascrub-report/1", "datasets": [{"path": "p", "counts": {"nan": "x"}}]}""", "not a DataScrub report of this schema")]
    [InlineData("""{"schema": "datascrub-report/1", "datasets": [{"path": "p", "findings": {}}]}""", "not a DataScrub report of this schema")]
    [InlineData("""{"schema": "datascrub-report/1"}""", "no \"datasets\" array")]
    public void NotAReport_IsAUsageError_BeforeScanning(string content, string expected)
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "old.json");
        File.WriteAllText(file, content);

        var run = CliRun.InProcess("scan", Mixed, "--baseline", file);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith($"datascrub: --baseline {file}: ", run.Error);
        Assert.Contains(expected, run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void FailOnNew_WithoutBaseline_IsAUsageError()
    {
        var run = CliRun.InProcess("scan", Mixed, "--fail-on-new");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--fail-on-new needs --baseline", run.Error);
    }
}
