using System.CommandLine;
using System.CommandLine.Parsing;

namespace DataScrub.Cli.CommandLine;

/// <summary>
/// Words of a command line that look like options (<c>-x</c>, <c>--batchsize</c>) but are none of the
/// command's. System.CommandLine takes them as arguments, so <c>scan data --batchsize 64</c> scanned
/// "--batchsize" and "64" as datasets; they are refused instead, naming the nearest real option. After
/// <c>--</c> every word is an argument (a path literally named <c>-x</c>).
/// </summary>
internal static class UnknownOptions
{
    /// <summary>The unknown options, in command-line order.</summary>
    public static IReadOnlyList<string> Find(ParseResult parse)
    {
        // Values taken by real options may start with '-' (--max-miss-probability -1, --json -): not candidates.
        var optionValues = parse.CommandResult.Children.OfType<OptionResult>().SelectMany(o => o.Tokens).ToList();
        var unknown = new List<string>();
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash) break;
            if (token.Type == TokenType.Argument && token.Value.Length > 1 && token.Value[0] == '-'
                && !optionValues.Any(v => ReferenceEquals(v, token)))
                unknown.Add(token.Value);
        }
        return unknown;
    }

    /// <summary>What to do instead, when <paramref name="unknown"/> is an option of another command that users try
    /// on this one (rebuild --fail-on); null for a word that is no option anywhere.</summary>
    public static string? Advice(string unknown, Command command) =>
        command.Name == "rebuild" && Commands.RebuildCommand.ScanOnlyOptions.TryGetValue(unknown.Split('=', ':')[0], out var advice)
            ? $"rebuild does not take {unknown.Split('=', ':')[0]}: {advice}"
            : null;

    /// <summary>"unknown option '--batchsize' (did you mean --batch-size?)", or the advice for an option of another command.</summary>
    public static string Describe(string unknown, Command command) =>
        Advice(unknown, command) ?? (Nearest(unknown, command) is { } nearest
            ? $"unknown option '{unknown}' (did you mean {nearest}?)"
            : $"unknown option '{unknown}'");

    /// <summary>The command's visible option closest to what was typed: the same letters up to case, '-'
    /// and '_' (--fail_on, --Quiet, --batchsize), else at most one or two edits away (--thread, --num-class).</summary>
    internal static string? Nearest(string unknown, Command command)
    {
        var typed = unknown.Split('=', ':')[0];
        if (!typed.StartsWith("--", StringComparison.Ordinal)) return null; // -x: one letter says too little to guess from
        var names = command.Options.Where(o => !o.Hidden).Select(o => o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal)).ToList();
        var letters = Letters(typed);
        if (names.FirstOrDefault(n => Letters(n) == letters) is { } same) return same;
        var allowed = letters.Length <= 4 ? 1 : 2;
        return names.Select(n => (Name: n, Distance: EditDistance(Letters(n), letters)))
            .Where(c => c.Distance <= allowed).OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();
    }

    private static string Letters(string option) =>
        new([.. option.Where(c => c is not ('-' or '_')).Select(char.ToLowerInvariant)]);

    /// <summary>Edits (insert, delete, substitute, swap two neighbours) that turn one word into the other.</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
