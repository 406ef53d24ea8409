using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Golden;

/// <summary>
/// The shipped binary's whole output on every fixture, compared byte for byte with the reports committed in
/// <c>tests/DataScrub.Tests/Golden/reports/</c>: the JSON report, the console summary and, for rebuilds, the
/// manifest and a digest of every file written. Only what changes from run to run is normalised (timings, the
/// tool version, the repository and temporary paths). A change of behaviour fails here; a deliberate one is
/// recorded by running the tests with <c>DATASCRUB_UPDATE_GOLDEN=1</c>, which rewrites the reports (review the diff).
/// </summary>
public sealed class GoldenReportTests
{
    private static readonly string GoldenDirectory = Path.Combine(Fixtures.RepositoryRoot, "tests", "DataScrub.Tests", "Golden", "reports");

    public static TheoryData<string> Cases() => [.. GoldenCases.All.Select(c => c.Name)];

    [Fact]
    public void Cases_HaveUniqueNames() =>
        Assert.Empty(GoldenCases.All.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_IsTheCommittedReport(string name)
    {
        var golden = GoldenCases.All.Single(c => c.Name == name);
        using var temp = new TempDirectory();
        var args = golden.Arguments.Select(a => a.Replace("$ROOT", Fixtures.RepositoryRoot).Replace("$TMP", temp.Path)).ToList();
        var json = Path.Combine(temp.Path, "report.json");
        args.AddRange(["--json", json]);
        var run = CliRun.Process(null, [.. args]);

        var actual = new StringBuilder();
        actual.Append("exit ").Append(run.ExitCode).Append('\n');
        actual.Append("--- stdout\n").Append(Normalise(run.Out, temp.Path));
        actual.Append("--- stderr\n").Append(Normalise(run.Error, temp.Path));
        actual.Append("--- report.json\n").Append(File.Exists(json) ? Normalise(File.ReadAllText(json), temp.Path) : "(none)\n");
        foreach (var output in golden.Outputs)
            actual.Append(Describe(Path.Combine(temp.Path, output), temp.Path));

        var path = Path.Combine(GoldenDirectory, name + ".txt");
        if (Environment.GetEnvironmentVariable("DATASCRUB_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(GoldenDirectory);
            File.WriteAllText(path, actual.ToString());
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing: run the tests with DATASCRUB_UPDATE_GOLDEN=1 to record it");
        var expected = File.ReadAllText(path);
        if (expected != actual.ToString())
            Assert.Fail($"{name}: the output differs from {path} at line {FirstDifferentLine(expected, actual.ToString())}\n{actual}");
    }

    /// <summary>A written file or directory: a rebuild manifest as text, everything else as size and SHA-256.</summary>
    private static string Describe(string path, string temp)
    {
        var text = new StringBuilder();
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : File.Exists(path) ? [path] : [];
        text.Append("--- ").Append(Path.GetRelativePath(temp, path)).Append(files.Count == 0 ? " (absent)\n" : "\n");
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(temp, file);
            if (Path.GetFileName(file) == "datascrub-rebuild.json")
            {
                text.Append("-- ").Append(relative).Append('\n').Append(Normalise(File.ReadAllText(file), temp));
                continue;
            }
            var bytes = File.ReadAllBytes(file);
            text.Append(relative).Append(' ').Append(bytes.Length).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(bytes))).Append('\n');
        }
        return text.ToString();
    }

    private static string Normalise(string text, string temp)
    {
        text = text.Replace(temp, "$TMP").Replace(Fixtures.RepositoryRoot, "$ROOT");
        // The temporary sibling a rebuild writes into carries the process id.
        text = Regex.Replace(text, @"datascrub-rebuild-\d+", "datascrub-rebuild-PID");
        text = text.Replace(DataScrub.Cli.Program.ToolName, "datascrub VERSION");
        text = text.Replace($"\"version\": \"{DataScrub.Cli.Program.Version}\"", "\"version\": \"VERSION\"");
        // Timings: the report's seconds, a rebuild's seconds per phase, the console's "in 0.12 s" and rates.
        text = Regex.Replace(text, @"""seconds"": [0-9.eE+-]+", "\"seconds\": 0");
        text = Regex.Replace(text, @"""(scan|write|flush|verify|rename)"": [0-9.eE+-]+", "\"$1\": 0");
        text = Regex.Replace(text, @"\b[0-9]+(\.[0-9]+)? s\b", "N s");
        text = Regex.Replace(text, @"\b(scan|write|flush|verify|rename) [0-9]+\.[0-9]+", "$1 N");
        text = Regex.Replace(text, @"[0-9]+(\.[0-9]+)? (MB|GB|kB|samples|files|records)/s", "N $2/s");
        return text.EndsWith('\n') || text.Length == 0 ? text : text + "\n";
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            if (a[i] != b[i]) return i + 1;
        return Math.Min(a.Length, b.Length) + 1;
    }
}
