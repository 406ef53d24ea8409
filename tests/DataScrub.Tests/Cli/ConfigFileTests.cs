using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli;

/// <summary>datascrub.json beside the dataset and --config: the file's values apply, flags win, errors name the file.</summary>
public sealed class ConfigFileTests
{
    private static string Dataset(TempDirectory temp)
    {
        var db = Path.Combine(temp.Path, "db");
        Directory.CreateDirectory(db);
        foreach (var file in Directory.GetFiles(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed))) File.Copy(file, Path.Combine(db, Path.GetFileName(file)));
        return db;
    }

    private static JsonElement Settings(string reportPath) => JsonDocument.Parse(File.ReadAllText(reportPath)).RootElement.GetProperty("settings");

    [Fact]
    public void FileBesideTheDataset_IsApplied_AndNamedInTheReport_PathsRelativeToIt()
    {
        using var temp = new TempDirectory();
        var db = Dataset(temp);
        File.WriteAllText(Path.Combine(temp.Path, "datascrub.json"), """
            // the team's settings
            { "batch-size": [8, 16], "num-classes": 5, "severity": {"nan": "warning", "shape-mismatch": "off"}, "json": "reports/out.json", }
            """);
        Directory.CreateDirectory(Path.Combine(temp.Path, "reports"));

        var run = CliRun.InProcess("scan", db, "--quiet");

        var report = Path.Combine(temp.Path, "reports", "out.json");
        Assert.True(File.Exists(report), run.ToString());
        var settings = Settings(report);
        Assert.Equal(Path.Combine(temp.Path, "datascrub.json"), settings.GetProperty("configFile").GetString());
        Assert.Equal([8, 16], settings.GetProperty("batchSizes").EnumerateArray().Select(b => b.GetInt32()));
        Assert.Equal(5, settings.GetProperty("numClasses").GetInt64());
        Assert.Equal("warning", settings.GetProperty("severity").GetProperty("nan").GetString());
        Assert.Equal("off", settings.GetProperty("severity").GetProperty("shape-mismatch").GetString());
        var counts = JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("datasets")[0].GetProperty("counts");
        Assert.False(counts.TryGetProperty("shape-mismatch", out _));
        Assert.Equal(3, counts.GetProperty("nan").GetInt64());
    }

    [Fact]
    public void Flags_WinOverTheFile()
    {
        using var temp = new TempDirectory();
        var db = Dataset(temp);
        File.WriteAllText(Path.Combine(temp.Path, "datascrub.json"), """{"batch-size": 8, "json": "file.json", "fail-on": "never"}""");
        var json = Path.Combine(temp.Path, "flag.json");

        var run = CliRun.InProcess("scan", db, "-q", "--json", json, "-b", "4");

        Assert.True(File.Exists(json), run.ToString());
        Assert.False(File.Exists(Path.Combine(temp.Path, "file.json")));
        Assert.Equal([4], Settings(json).GetProperty("batchSizes").EnumerateArray().Select(b => b.GetInt32()));
        // The file's fail-on applies where no flag gives one: the findings do not fail the run.
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
    }

    [Fact]
    public void ExplicitConfig_WinsOverTheOneBeside_AndNoConfigIgnoresIt()
    {
        using var temp = new TempDirectory();
        var db = Dataset(temp);
        File.WriteAllText(Path.Combine(temp.Path, "datascrub.json"), """{"batch-size": 8}""");
        var other = Path.Combine(temp.Path, "other.json");
        File.WriteAllText(other, """{"batch-size": 12}""");
        var json = Path.Combine(temp.Path, "r.json");

        CliRun.InProcess("scan", db, "-q", "--json", json, "--config", other);
        Assert.Equal([12], Settings(json).GetProperty("batchSizes").EnumerateArray().Select(b => b.GetInt32()));
        Assert.Equal(other, Settings(json).GetProperty("configFile").GetString());

        CliRun.InProcess("scan", db, "-q", "--json", json, "--no-config");
        Assert.Equal([32], Settings(json).GetProperty("batchSizes").EnumerateArray().Select(b => b.GetInt32()));
        Assert.Equal(JsonValueKind.Null, Settings(json).GetProperty("configFile").ValueKind);
    }

    [Theory]
    [InlineData("""{"batchsize": 3}""", "unknown option 'batchsize' (did you mean 'batch-size'?)")]
    [InlineData("""{"frobnicate": 3}""", "unknown option 'frobnicate' (the options of scan: format, json, ")]
    [InlineData("""{"batch-size": "abc"}""", "--batch-size: 'abc' is not a positive whole number")]
    [InlineData("""{"batch-size": """, "not valid JSON at line 1")]
    [InlineData("""[1, 2]""", "it must hold one JSON object")]
    [InlineData("""{"quiet": "yes"}""", "'quiet' is a switch: give true or false")]
    [InlineData("""{"config": "x.json"}""", "'config' cannot be set in a configuration file")]
    [InlineData("""{"threads": 0}""", "--threads")]
    [InlineData("""{"threads": true}""", "'threads': true is not a string or a number")]
    [InlineData("""{"json": {"a": 1}}""", "'json': {\"a\": 1} is not a string or a number")]
    [InlineData("""{"batch-size": [[1]]}""", "'batch-size': [1] is not a string or a number")]
    [InlineData("""{"num-classes": 1e400}""", "--num-classes")]
    [InlineData("""{"severity": {"nan": 3}}""", "--severity")]
    [InlineData("""{"batch-size": 8, "batch-size": 16}""", "'batch-size' is given twice")]
    [InlineData("""{"html": "a\u0000b"}""", "'html': a value may not contain a NUL character")]
    [InlineData("""{"severity": {"nan": "warn\u0000ing"}}""", "'severity': a value may not contain a NUL character")]
    public void BadFile_IsAUsageError_NamingTheFile(string content, string expected)
    {
        using var temp = new TempDirectory();
        var db = Dataset(temp);
        var config = Path.Combine(temp.Path, "bad.json");
        File.WriteAllText(config, content);

        var run = CliRun.InProcess("scan", db, "--config", config);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith($"datascrub: {config}: ", run.Error);
        Assert.Contains(expected, run.Error);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void MissingExplicitConfig_IsAUsageError()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--config", "/nonexistent/datascrub.json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("no such file (--config)", run.Error);
    }

    [Fact]
    public void DatasetsBesideDifferentFiles_AreRefused()
    {
        using var temp = new TempDirectory();
        var a = Path.Combine(temp.Path, "a");
        var b = Path.Combine(temp.Path, "b");
        Directory.CreateDirectory(a);
        Directory.CreateDirectory(b);
        var dbA = Path.Combine(a, "db");
        var dbB = Path.Combine(b, "db");
        foreach (var db in new[] { dbA, dbB })
        {
            Directory.CreateDirectory(db);
            foreach (var file in Directory.GetFiles(Fixtures.Path(Fixtures.Lmdb.Good.Clean))) File.Copy(file, Path.Combine(db, Path.GetFileName(file)));
        }
        File.WriteAllText(Path.Combine(a, "datascrub.json"), "{}");
        File.WriteAllText(Path.Combine(b, "datascrub.json"), "{}");

        var run = CliRun.InProcess("scan", dbA, dbB);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("different configuration files", run.Error);
    }

    [Fact]
    public void Rebuild_SkipsScanOnlyKeys_OfTheSharedFile()
    {
        using var temp = new TempDirectory();
        var db = Dataset(temp);
        File.WriteAllText(Path.Combine(temp.Path, "datascrub.json"), """{"fail-on": "warning", "baseline": "old.json", "drop-bad": true, "severity": ["fp16-overflow=error"]}""");
        var outDir = Path.Combine(temp.Path, "clean");

        var run = CliRun.InProcess("rebuild", db, "--out", outDir, "-q");

        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        var manifest = File.ReadAllText(Path.Combine(outDir, "datascrub-rebuild.json"));
        // drop-bad from the file, and fp16-overflow raised to an error by it: 9 bad records of 40 dropped.
        Assert.Contains("\"dropped\": 9", manifest);
    }

    [Fact]
    public void ReportOptions_AreThemselvesAConfigFile_ThatReproducesTheRun()
    {
        using var temp = new TempDirectory();
        var db = Dataset(temp);
        var first = Path.Combine(temp.Path, "first.json");
        CliRun.InProcess("scan", db, "-q", "--no-config", "--json", first, "-b", "8,16", "-K", "6", "--severity", "nan=warning", "--ignore-label", "3", "--loss", "batch-normalized");
        var options = JsonDocument.Parse(File.ReadAllText(first)).RootElement.GetProperty("settings").GetProperty("options");
        var config = Path.Combine(temp.Path, "replay.json");
        File.WriteAllText(config, options.GetRawText());
        var second = Path.Combine(temp.Path, "second.json");

        var run = CliRun.InProcess("scan", db, "-q", "--config", config, "--json", second);

        Assert.True(File.Exists(second), run.ToString());
        var a = JsonDocument.Parse(File.ReadAllText(first)).RootElement;
        var b = JsonDocument.Parse(File.ReadAllText(second)).RootElement;
        Assert.Equal(a.GetProperty("settings").GetProperty("options").GetRawText(), b.GetProperty("settings").GetProperty("options").GetRawText());
        Assert.Equal(a.GetProperty("totals").GetRawText(), b.GetProperty("totals").GetRawText());
    }
}
