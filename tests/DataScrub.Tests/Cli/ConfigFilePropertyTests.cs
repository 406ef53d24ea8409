using System.Text.Json.Nodes;
using CsCheck;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli;

/// <summary>Whatever a configuration file holds, a run ends in a verdict or a usage error naming the file: never an
/// internal error (exit 4), never a crash.</summary>
public sealed class ConfigFilePropertyTests
{
    private static readonly string[] Keys =
    [
        "format", "json", "markdown", "threads", "fail-on", "max-findings", "quiet", "progress-interval", "color", "data", "label",
        "max-pixels", "crop-size", "sample-timeout", "root", "num-classes", "class-names", "batch-size", "max-miss-probability",
        "loss", "ignore-label", "severity", "no-duplicates", "mean-file", "masks", "baseline", "fail-on-new",
        "drift-threshold", "drop-bad", "out", "unknown-key", "config", "html",
    ];

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf<JsonNode?>(
        Gen.Const((JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Int[-3, 300].Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Double.Select(d => (JsonNode?)(double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(0.5))),
        Gen.OneOf<string>(["", "-", "nan=warning", "auto", "error", "x,y", "32,,64", "../nowhere/x.json", "softmax", "never", "\u0000"])
            .Select(s => (JsonNode?)JsonValue.Create(s)));

    private static readonly Gen<JsonNode?> Value = Gen.OneOf(
        Scalar,
        Scalar.Array[0, 3].Select(a => (JsonNode?)new JsonArray([.. a.Select(v => v?.DeepClone())])),
        Gen.OneOf<string>(["nan", "inf", "bogus"]).Select(Scalar, (k, v) => (JsonNode?)new JsonObject { [k] = v?.DeepClone() }));

    /// <summary>300 in the suite; DATASCRUB_CONFIG_ITERATIONS runs more (a NUL in a path was found at 300).</summary>
    private static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("DATASCRUB_CONFIG_ITERATIONS"), out var n) ? n : 300;

    [Fact]
    public void AnyFile_EndsInAVerdictOrAUsageError()
    {
        using var temp = new TempDirectory();
        var dataset = Fixtures.Path(Fixtures.Lmdb.Good.Clean);
        var config = Path.Combine(temp.Path, "datascrub.json");
        var outcomes = new Dictionary<int, int>();
        Gen.Select(Gen.OneOf<string>(Keys), Value).Array[1, 4].Sample(entries =>
        {
            var file = new JsonObject();
            foreach (var (key, value) in entries) file[key] = value?.DeepClone();
            File.WriteAllText(config, file.ToJsonString());

            var run = CliRun.InProcess("scan", dataset, "--config", config, "-q");

            Assert.True(run.ExitCode is ExitCodes.Clean or ExitCodes.Findings or ExitCodes.Usage or ExitCodes.Unreadable, $"{file.ToJsonString()}\n{run}");
            if (run.ExitCode == ExitCodes.Usage) Assert.StartsWith("datascrub: ", run.Error);
            outcomes[run.ExitCode] = outcomes.GetValueOrDefault(run.ExitCode) + 1;
        }, iter: Iterations, threads: 1);
        // Both sides were reached: files that scan, and files that are refused.
        Assert.True(outcomes.GetValueOrDefault(ExitCodes.Usage) > 0 && outcomes.GetValueOrDefault(ExitCodes.Clean) + outcomes.GetValueOrDefault(ExitCodes.Findings) > 0,
            string.Join(", ", outcomes.Select(o => $"exit {o.Key}: {o.Value}")));
    }
}
