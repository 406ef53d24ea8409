using System.Text.Json;
using System.Text.RegularExpressions;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli.Resume;

/// <summary>
/// A long scan is never lost: SIGTERM and SIGINT sent to the shipped binary mid-scan leave the report of what was
/// scanned (<c>"complete": false</c>, why and where) and the state beside it, and <c>--resume</c> of that report, even
/// after a second interruption, gives the report of one uninterrupted scan (equal but for timings, as a merge of shards).
/// </summary>
public sealed class ResumeTests
{
    /// <summary>Per format a fixture with duplicates, classes or statistics (what depends on the whole dataset), and a
    /// delay per sample that makes its scan last about 2.5 s.</summary>
    public static TheoryData<string, int, long> Datasets => new()
    {
        { Fixtures.Lmdb.Labels.Classes, 4, 600 },
        { Fixtures.Hdf5.Labels.Classes, 8, 300 },
        { Fixtures.LevelDb.Bad.Mixed, 60, 40 },
        { Fixtures.Images.Tree, 70, 36 },
    };

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Resume_OfAScanInterruptedTwice_EqualsTheUninterruptedScan(string fixture, int delayMs, long samples)
    {
        using var temp = new TempDirectory();
        var dataset = Fixtures.Path(fixture);
        var json = temp.Combine("report.json");

        var first = InterruptibleRun.Interrupt(InterruptibleRun.SigTerm, delayMs, samples / 5, "scan", dataset, "--json", json);
        Assert.True(first.ExitCode == ExitCodes.Terminated, first.ToString());
        var afterFirst = Incomplete(json, "SIGTERM");
        Assert.InRange(afterFirst.Samples, 1, samples - 1);

        var second = InterruptibleRun.Interrupt(InterruptibleRun.SigInt, delayMs, samples / 5, "scan", dataset, "--json", json, "--resume", json);
        Assert.True(second.ExitCode == ExitCodes.Cancelled, second.ToString());
        var afterSecond = Incomplete(json, "SIGINT");
        Assert.InRange(afterSecond.Samples, afterFirst.Samples + 1, samples - 1);
        Assert.True(afterSecond.NextUnit > afterFirst.NextUnit, $"unit {afterSecond.NextUnit} after {afterFirst.NextUnit}");

        var resumed = CliRun.Process(null, "scan", dataset, "--json", json, "--resume", json);
        var single = temp.Combine("single.json");
        var once = CliRun.Process(null, "scan", dataset, "--json", single);
        Assert.True(once.ExitCode is ExitCodes.Clean or ExitCodes.Findings, once.ToString());
        Assert.True(resumed.ExitCode == once.ExitCode, resumed.ToString());
        Assert.Equal(Normalise(File.ReadAllText(single)), Normalise(File.ReadAllText(json)));
        Assert.Equal(Normalise(once.Out), Normalise(resumed.Out));
        Assert.Contains("\"complete\": true", File.ReadAllText(json));
        // The whole report replaces the partial one, and its state is of no more use.
        Assert.False(File.Exists(json + ".state"));
    }

    [Fact]
    public void Resume_OfSeveralDatasets_ReadsOnlyWhatIsLeft_AndEqualsTheUninterruptedScan()
    {
        using var temp = new TempDirectory();
        var (small, large) = (Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), Fixtures.Path(Fixtures.Lmdb.Labels.Classes));
        var json = temp.Combine("report.json");
        // 40 records then 600: the signal comes once 100 samples of one dataset were scanned, so in the second.
        var first = InterruptibleRun.Interrupt(InterruptibleRun.SigTerm, 4, 100, "scan", small, large, "--json", json);
        Assert.True(first.ExitCode == ExitCodes.Terminated, first.ToString());
        Incomplete(json, "SIGTERM");
        using (var partial = JsonDocument.Parse(File.ReadAllText(json)))
        {
            Assert.Equal(large, partial.RootElement.GetProperty("incomplete").GetProperty("dataset").GetString());
            Assert.Equal(40, partial.RootElement.GetProperty("datasets")[0].GetProperty("samples").GetInt64());
        }

        // The first dataset is not read again: a delay that would make it last 40 s does not slow the resume.
        var resumed = CliRun.Process(new Dictionary<string, string> { ["DATASCRUB_TEST_SAMPLE_DELAY_MS"] = "1" }, "scan", small, large, "--json", json, "--resume", json, "--progress", "--progress-interval", "0.05");
        Assert.DoesNotContain($"progress: {small}:", resumed.Error);
        Assert.Contains($"progress: {large}:", resumed.Error);
        var single = temp.Combine("single.json");
        var once = CliRun.Process(null, "scan", small, large, "--json", single);
        Assert.True(resumed.ExitCode == once.ExitCode, resumed.ToString());
        Assert.Equal(Normalise(File.ReadAllText(single)), Normalise(File.ReadAllText(json)));
    }

    [Fact]
    public void Sigterm_MidScan_WritesThePartialReportAndStateAndExits143()
    {
        using var temp = new TempDirectory();
        var json = temp.Combine("report.json");
        var run = InterruptibleRun.Interrupt(InterruptibleRun.SigTerm, 4, 100, "scan", Fixtures.Path(Fixtures.Lmdb.Labels.Classes), "--json", json);
        Assert.True(run.ExitCode == ExitCodes.Terminated, run.ToString());
        var position = Incomplete(json, "SIGTERM");
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.Equal(143, root.GetProperty("exitCode").GetInt32());
        var incomplete = root.GetProperty("incomplete");
        Assert.Equal("report.json.state", incomplete.GetProperty("state").GetString());
        Assert.EndsWith($"--resume {json}", incomplete.GetProperty("resume").GetString());
        Assert.Equal(Fixtures.Path(Fixtures.Lmdb.Labels.Classes), incomplete.GetProperty("dataset").GetString());
        Assert.Equal(60, incomplete.GetProperty("position").GetProperty("units").GetInt64());
        Assert.True(File.Exists(json + ".state"));
        // The scanned part's own counts and findings: the samples scanned, not the store's 600.
        var dataset = root.GetProperty("datasets")[0];
        Assert.Equal(position.Samples, dataset.GetProperty("samples").GetInt64());
        Assert.Equal(600, dataset.GetProperty("expectedSamples").GetInt64());
        // The fixture's keys are the record numbers in 8 decimal digits: the last scanned is the one before the next unit's
        // first (units of 10 records).
        Assert.Equal((position.NextUnit * 10 - 1).ToString("D8", System.Globalization.CultureInfo.InvariantCulture), position.LastSample);
        Assert.Equal(position.NextUnit * 10, position.Samples);
        Assert.Contains("INCOMPLETE: the scan was interrupted by SIGTERM", run.Out);
        Assert.Contains($"resume with: datascrub scan", run.Error);
    }

    [Fact]
    public void Sigint_WithTheJsonOnStdout_StillWritesItThere_AndAReportFileToResume()
    {
        using var temp = new TempDirectory();
        var dataset = Fixtures.Path(Fixtures.Hdf5.Labels.Classes);
        var run = InterruptibleRun.InterruptIn(temp.Path, InterruptibleRun.SigInt, 8, 60, "scan", dataset, "--json", "-");
        Assert.True(run.ExitCode == ExitCodes.Cancelled, run.ToString());
        using (var stdout = JsonDocument.Parse(run.Out))
        {
            Assert.False(stdout.RootElement.GetProperty("complete").GetBoolean());
            Assert.Equal("SIGINT", stdout.RootElement.GetProperty("incomplete").GetProperty("reason").GetString());
        }
        var saved = temp.Combine("datascrub-interrupted.json");
        Assert.True(File.Exists(saved) && File.Exists(saved + ".state"), run.ToString());
        Assert.Contains($"--resume {saved}", run.Error);

        var final = temp.Combine("final.json");
        var resumed = CliRun.Process(null, "scan", dataset, "--json", final, "--resume", saved);
        var single = temp.Combine("single.json");
        var once = CliRun.Process(null, "scan", dataset, "--json", single);
        Assert.True(resumed.ExitCode == once.ExitCode, resumed.ToString());
        Assert.Equal(Normalise(File.ReadAllText(single)), Normalise(File.ReadAllText(final)));
    }

    [Fact]
    public void StoreError_MidScan_WritesThePartialReportAndExits3_WithoutAStateToResume()
    {
        using var temp = new TempDirectory();
        var json = temp.Combine("report.json");
        var md = temp.Combine("report.md");
        var run = CliRun.Process(new Dictionary<string, string> { ["DATASCRUB_TEST_FAIL_AT_SAMPLE"] = "250" },
            "scan", Fixtures.Path(Fixtures.Lmdb.Labels.Classes), "--json", json, "--markdown", md);
        Assert.True(run.ExitCode == ExitCodes.Unreadable, run.ToString());
        Assert.Contains("Input/output error reading sample 250", run.Error);
        Assert.Contains("after 250 samples", run.Error);
        var position = Incomplete(json, "store-error");
        Assert.Equal(250, position.Samples);
        Assert.Equal("00000249", position.LastSample);
        // For a store error the position's unit is the last sample's (units of 10: unit 24), which may be scanned in part.
        Assert.Equal(24, position.NextUnit);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var incomplete = report.RootElement.GetProperty("incomplete");
        Assert.Equal(JsonValueKind.Null, incomplete.GetProperty("state").ValueKind);
        Assert.Equal(JsonValueKind.Null, incomplete.GetProperty("resume").ValueKind);
        Assert.False(File.Exists(json + ".state"));
        // The part scanned is judged: the fixture's records 0..249 hold classes 0 and 1 only (sorted by class).
        var histogram = report.RootElement.GetProperty("datasets")[0].GetProperty("labels").GetProperty("histogram");
        Assert.Equal(200, histogram.GetProperty("0").GetInt64());
        Assert.Equal(50, histogram.GetProperty("1").GetInt64());
        Assert.StartsWith("## DataScrub: incomplete (failed: a dataset could not be read)", File.ReadAllText(md));

        var resume = CliRun.Process(null, "scan", Fixtures.Path(Fixtures.Lmdb.Labels.Classes), "--json", json, "--resume", json);
        Assert.True(resume.ExitCode == ExitCodes.Usage, resume.ToString());
        Assert.Contains("kept no state to resume from", resume.Error);
    }

    internal sealed record Position(long NextUnit, long Samples, string? LastSample);

    /// <summary>Checks that the report at <paramref name="json"/> is incomplete for <paramref name="reason"/>; its position.</summary>
    internal static Position Incomplete(string json, string reason)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.False(root.GetProperty("complete").GetBoolean());
        var incomplete = root.GetProperty("incomplete");
        Assert.Equal(reason, incomplete.GetProperty("reason").GetString());
        var position = incomplete.GetProperty("position");
        return new Position(position.GetProperty("nextUnit").GetInt64(), position.GetProperty("samples").GetInt64(),
            position.GetProperty("lastSample").GetString());
    }

    /// <summary>Timings out, as the golden reports and the scale-out tests normalise them.</summary>
    internal static string Normalise(string text)
    {
        text = Regex.Replace(text, @"""seconds"": [0-9.eE+-]+", "\"seconds\": 0");
        text = Regex.Replace(text, @"\b[0-9]+(\.[0-9]+)? s\b", "N s");
        return Regex.Replace(text, @"[0-9]+(\.[0-9]+)? (MB|GB|kB|samples|files|records)/s", "N $2/s");
    }
}
