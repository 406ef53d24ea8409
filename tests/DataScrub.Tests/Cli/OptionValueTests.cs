using System.CommandLine;
using System.Text.RegularExpressions;
using DataScrub.Cli;
using DataScrub.Cli.Commands;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Cli;

/// <summary>What the user sees of option values: help in lowercase words and placeholders, and a bad value
/// refused with one line that names the option and the value, never a .NET type or a stack trace.</summary>
public class OptionValueTests
{
    private static readonly string[] TypeWords = ["System.", "DataScrub.", "Int32", "Int64", "Double", "Nullable", "expected type", "   at "];

    /// <summary>The error line of a refused command line (the line before the "--help" hint).</summary>
    private static string OneErrorLine(CliRun run, string command)
    {
        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        var lines = run.Error.TrimEnd().Split('\n');
        Assert.True(lines.Length == 2, run.ToString());
        Assert.Equal($"Run 'datascrub {command} --help' for usage.", lines[1]);
        foreach (var word in TypeWords) Assert.DoesNotContain(word, run.Error);
        return lines[0];
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("rebuild")]
    [InlineData("lint")]
    public void Help_ShowsLowercaseWordsAndPlaceholders_NoTypeNames(string command)
    {
        var run = CliRun.InProcess(command, "--help");

        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        // <error|warning|never> or a placeholder such as <FILE|-> or <B[,B]>: each alternative all lowercase or all uppercase.
        foreach (Match label in Regex.Matches(run.Out, "<([^>]*)>"))
            foreach (var word in label.Groups[1].Value.Split('|'))
                Assert.True(word == word.ToLowerInvariant() || word == word.ToUpperInvariant(), $"help label <{label.Groups[1].Value}> in:\n{run.Out}");
        foreach (Match value in Regex.Matches(run.Out, @"\[default: ([^\]]*)\]"))
            Assert.True(value.Groups[1].Value == value.Groups[1].Value.ToLowerInvariant(), $"default '{value.Groups[1].Value}' in:\n{run.Out}");
    }

    [Fact]
    public void ScanHelp_FailOn_ListsItsWordsAndDefault()
    {
        var run = CliRun.InProcess("scan", "--help");

        var line = run.Out.Split('\n').Single(l => l.TrimStart().StartsWith("--fail-on ", StringComparison.Ordinal));
        Assert.StartsWith("--fail-on <error|warning|never>", line.Trim());
        Assert.EndsWith("[default: error]", line.Trim());
    }

    [Fact]
    public void FailOn_UnknownWord_SaysWhichWordsItTakes()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--fail-on", "bogus");

        Assert.Equal("datascrub: --fail-on: 'bogus' is not one of error, warning, never", OneErrorLine(run, "scan"));
    }

    [Theory]
    [InlineData("--threads", "abc", "'abc' is not a whole number")]
    [InlineData("--threads", "0", "must be between 1 and 1024, not 0")]
    [InlineData("--threads", "49496129", "must be between 1 and 1024, not 49496129")]
    [InlineData("--num-classes", "x", "'x' is not a whole number")]
    [InlineData("--num-classes", "0", "must be at least 1, not 0")]
    [InlineData("--max-pixels", "-1", "must be at least 1, not -1")]
    [InlineData("--max-pixels", "1e9", "'1e9' is not a whole number")]
    [InlineData("--max-findings", "many", "'many' is not a whole number")]
    [InlineData("--max-findings", "-3", "must be at least 0, not -3")]
    [InlineData("--crop-size", "2.5", "'2.5' is not a whole number")]
    [InlineData("--max-miss-probability", "often", "'often' is not a number")]
    [InlineData("--max-miss-probability", "2", "must be between 0 and 1, not 2")]
    [InlineData("--batch-size", "32,,64", "'32,,64' has an empty element")]
    [InlineData("--batch-size", "32,", "'32,' has an empty element")]
    [InlineData("--batch-size", "32,x", "'x' is not a positive whole number")]
    [InlineData("--batch-size", "0", "'0' is not a positive whole number")]
    [InlineData("--data", "data,,more", "'data,,more' has an empty element")]
    [InlineData("--format", "parquet", "'parquet' is not one of auto, lmdb, leveldb, hdf5, images")]
    public void Scan_BadValue_OneLineNamingTheOptionAndTheValue(string option, string value, string why)
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), option, value);

        Assert.Equal($"datascrub: {option}: {why}", OneErrorLine(run, "scan"));
    }

    [Theory]
    [InlineData("--seed", "x", "'x' is not a whole number")]
    [InlineData("--to", "parquet", "'parquet' is not one of same, lmdb, leveldb, hdf5, images")]
    [InlineData("--drop", "nan,,inf", "'nan,,inf' has an empty element")]
    [InlineData("--threads", "many", "'many' is not a whole number")]
    public void Rebuild_BadValue_OneLineNamingTheOptionAndTheValue(string option, string value, string why)
    {
        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--out", "/tmp/never-written", option, value);

        Assert.Equal($"datascrub: {option}: {why}", OneErrorLine(run, "rebuild"));
    }

    /// <summary>Every numeric option, including ones added later: a word is one line naming the option.</summary>
    [Theory]
    [InlineData("scan")]
    [InlineData("rebuild")]
    public void EveryNumericOption_AWord_IsOneLineNamingTheOption(string commandName)
    {
        var streams = new CliStreams(TextWriter.Null, Stream.Null, TextWriter.Null, false, CancellationToken.None);
        var command = commandName == "scan" ? ScanCommand.Create(streams) : RebuildCommand.Create(streams);
        Type[] numeric = [typeof(int), typeof(long), typeof(double), typeof(int?), typeof(long?), typeof(double?)];
        var options = command.Options.Where(o => numeric.Contains(o.ValueType)).ToList();
        Assert.NotEmpty(options);

        foreach (var option in options)
        {
            string[] required = commandName == "rebuild" ? ["--out", "/tmp/never-written"] : [];
            var run = CliRun.InProcess([commandName, Fixtures.Path(Fixtures.Lmdb.Good.Clean), .. required, option.Name, "word"]);

            Assert.StartsWith($"datascrub: {option.Name}: 'word' is not ", OneErrorLine(run, commandName));
        }
    }

    [Fact]
    public void Scan_BatchSizes_WithBlanksAroundElements_AreAllAnalysed()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--batch-size", "8, 16,4", "--json", "-", "--quiet", "--fail-on", "never");

        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(run.Out);
        var batches = doc.RootElement.GetProperty("datasets")[0].GetProperty("labels").GetProperty("batches");
        Assert.Equal([4, 8, 16], batches.EnumerateArray().Select(b => b.GetProperty("batchSize").GetInt32()));
    }
}
