using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Cli.Reporting;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli;

/// <summary>What the reports record (version, options, decoders, totals), the markdown summary, the console's colour
/// and class names, and --progress lines.</summary>
public sealed class ReportOutputsTests
{
    private static readonly string Mixed = Fixtures.Path(Fixtures.Lmdb.Bad.Mixed);

    [Fact]
    public void JsonReport_RecordsVersionOptionsDecoders_AndTotalsOverDatasets()
    {
        var run = CliRun.InProcess("scan", Mixed, Fixtures.Path(Fixtures.Lmdb.Bad.EncodedMixed), "--json", "-", "-q", "-b", "8", "--ignore-label", "3");

        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(Program.Version, root.GetProperty("version").GetString());
        var totals = root.GetProperty("totals");
        var datasets = root.GetProperty("datasets").EnumerateArray().ToList();
        Assert.Equal(2, totals.GetProperty("datasets").GetInt32());
        Assert.Equal(datasets.Sum(d => d.GetProperty("samples").GetInt64()), totals.GetProperty("samples").GetInt64());
        foreach (var kind in totals.GetProperty("byKind").EnumerateObject())
            Assert.Equal(datasets.Sum(d => d.GetProperty("counts").TryGetProperty(kind.Name, out var c) ? c.GetInt64() : 0), kind.Value.GetInt64());
        Assert.Equal(totals.GetProperty("findings").GetInt64(), totals.GetProperty("errors").GetInt64() + totals.GetProperty("warnings").GetInt64());
        var settings = root.GetProperty("settings");
        Assert.Equal("dataset", settings.GetProperty("numClassesFrom").GetString());
        Assert.Equal("libjpeg-turbo", settings.GetProperty("decoders").GetProperty("jpeg").GetString());
        Assert.StartsWith("ImageSharp", settings.GetProperty("decoders").GetProperty("bmp").GetString());
        var options = settings.GetProperty("options");
        Assert.Equal(8, options.GetProperty("batch-size")[0].GetInt32());
        Assert.Equal(3, options.GetProperty("ignore-label").GetInt64());
        Assert.Equal("error", options.GetProperty("fail-on").GetString());
        // What changes no verdict is not recorded: the report is the same for any thread count.
        Assert.False(options.TryGetProperty("threads", out _));
    }

    [Fact]
    public void Markdown_SummarisesTheRun_ToAFileOrStdout()
    {
        using var temp = new TempDirectory();
        var md = Path.Combine(temp.Path, "summary.md");

        var run = CliRun.InProcess("scan", Mixed, "--markdown", md);
        var stdout = CliRun.InProcess("scan", Mixed, "--markdown", "-", "-q");

        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        var text = File.ReadAllText(md);
        Assert.Equal(text, stdout.Out);
        Assert.StartsWith("## DataScrub: failed: findings at or above --fail-on\n", text);
        Assert.Contains("1 dataset, 40 samples, 9 errors and 1 warning", text);
        Assert.Contains("| `nan` | 3 | error |", text);
        Assert.Contains("- **error** `shape-mismatch` 00000016\\_cat/0016.jpg data: ", text);
    }

    [Fact]
    public void Markdown_EscapesWhatTheDatasetSupplies()
    {
        Assert.Equal("a\\|b \\`x\\` &lt;script&gt; \\[l\\](u) \\*\\*", MarkdownReportWriter.Escape("a|b `x` <script>\n[l](u) **"));
        Assert.Equal("&lt;/td&gt;&amp;\\_", MarkdownReportWriter.Escape("</td>&_"));
    }

    [Fact]
    public void Html_FromTheShippedBinary_IsTheWritersPage_ForScanAndRebuild()
    {
        // The native binary renders it (AOT: nothing the renderer needs may be trimmed away).
        using var temp = new TempDirectory();
        var scanPage = Path.Combine(temp.Path, "scan.html");
        var rebuildPage = Path.Combine(temp.Path, "rebuild.html");

        var scan = CliRun.Process(null, "scan", Mixed, "-q", "--html", scanPage);
        var rebuild = CliRun.Process(null, "rebuild", Mixed, "--out", Path.Combine(temp.Path, "clean"), "--drop-bad", "-q", "--html", rebuildPage);
        var stdout = CliRun.Process(null, "scan", Mixed, "--html", "-");

        Assert.Equal(ExitCodes.Findings, scan.ExitCode);
        Assert.Equal(ExitCodes.Clean, rebuild.ExitCode);
        var page = File.ReadAllText(scanPage);
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("00000016_cat/0016.jpg", page);
        Assert.Contains("shape-mismatch", page);
        Assert.Contains("00000016_cat/0016.jpg", File.ReadAllText(rebuildPage));
        Assert.StartsWith("<!DOCTYPE html>", stdout.Out);
        // The summary moved to stderr, out of the page's way.
        Assert.Contains("findings: nan 3", stdout.Error);
    }

    [Fact]
    public void JsonAndMarkdown_BothToStdout_AreRefused()
    {
        var run = CliRun.InProcess("scan", Mixed, "--json", "-", "--markdown", "-");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--json - and --markdown - all write to stdout", run.Error);
    }

    [Fact]
    public void Console_IsColouredOnATerminal_UnlessNoColorOrNever()
    {
        CliStreams Terminal(CliStreams s) => s with { OutIsTerminal = true, Environment = _ => null };
        CliStreams NoColor(CliStreams s) => s with { OutIsTerminal = true, Environment = n => n == "NO_COLOR" ? "1" : null };

        var terminal = CliRun.InProcessWith(Terminal, "scan", Mixed);
        var noColor = CliRun.InProcessWith(NoColor, "scan", Mixed);
        var never = CliRun.InProcessWith(Terminal, "scan", Mixed, "--color", "never");
        var always = CliRun.InProcessWith(NoColor, "scan", Mixed, "--color", "always");
        var pipe = CliRun.InProcess("scan", Mixed);

        Assert.Contains("\u001b[31merror", terminal.Out);
        Assert.Contains("\u001b[33mwarning", terminal.Out);
        Assert.DoesNotContain('\u001b', noColor.Out);
        Assert.DoesNotContain('\u001b', never.Out);
        Assert.DoesNotContain('\u001b', pipe.Out);
        Assert.Contains("\u001b[31merror", always.Out);
        // Colour adds escapes and nothing else (timings aside).
        static string Untimed(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"in [0-9.]+ s \([0-9]+ MB/s\)", "in T");
        Assert.Equal(Untimed(pipe.Out), Untimed(System.Text.RegularExpressions.Regex.Replace(always.Out, "\u001b\\[[0-9]+m", "")));
    }

    [Fact]
    public void Console_NamesClassesBesideTheirIndices_FromClassFoldersOrClassNames()
    {
        using var temp = new TempDirectory();
        var names = Path.Combine(temp.Path, "synsets.txt");
        File.WriteAllLines(names, ["n01440764", "n01443537", "n01484850", "n01491361", "n01494475", "n01496331"]);

        var folders = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Images.Tree));
        var named = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Labels.Classes), "-K", "6", "--class-names", names, "--json", Path.Combine(temp.Path, "r.json"));

        Assert.Contains("labels: 0 (bird): ", folders.Out);
        Assert.Contains("(n01443537)", named.Out);
        // class-absent's message names the class: "class 5 (n01496331) of 6 has no sample".
        Assert.Contains("class 5 (n01496331) of 6 has no sample", named.Out);
        var classes = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "r.json"))).RootElement.GetProperty("datasets")[0].GetProperty("labels").GetProperty("classes");
        Assert.Equal(5, classes.GetProperty("n01496331").GetInt64());
    }

    [Fact]
    public void ClassNames_UnreadableOrEmpty_IsAUsageError()
    {
        using var temp = new TempDirectory();
        var empty = Path.Combine(temp.Path, "empty.txt");
        File.WriteAllText(empty, "\n\n");

        Assert.Equal(ExitCodes.Usage, CliRun.InProcess("scan", Mixed, "--class-names", empty).ExitCode);
        Assert.Equal(ExitCodes.Usage, CliRun.InProcess("scan", Mixed, "--class-names", Path.Combine(temp.Path, "none.txt")).ExitCode);
    }

    [Fact]
    public void Progress_PrintsLinesForALog_AndADoneLine()
    {
        // The shipped binary, stderr a pipe (as in CI): plain lines, no carriage returns.
        var run = CliRun.Process(null, "scan", Fixtures.Path(Fixtures.Images.Public), "-q", "--progress", "--progress-interval", "0.01");

        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain('\r', run.Error);
        Assert.All(lines, l => Assert.StartsWith("progress: ", l));
        Assert.Matches(@"^progress: .*images/public: done, 458/458 samples \(100\.0%\), [0-9.]+ MB, [0-9.]+ s, \d+ MB/s$", lines[^1]);
        Assert.True(lines.Length >= 2, run.ToString());
    }

    [Fact]
    public void WithoutProgress_ALogGetsNoProgressLines()
    {
        var run = CliRun.Process(null, "scan", Mixed, "-q");

        Assert.Equal("", run.Error);
    }
}
