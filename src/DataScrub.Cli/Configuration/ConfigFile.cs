using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;

namespace DataScrub.Cli.Configuration;

/// <summary>
/// A <c>datascrub.json</c> configuration file: a JSON object whose keys are option names as the command line spells
/// them without the dashes (<c>"batch-size": [32, 64]</c>, <c>"num-classes": 1000</c>, <c>"severity": {"nan":
/// "warning"}</c>, <c>"no-duplicates": true</c>). Its values become command-line words for the options the command
/// line did not give, so that flags win over the file and the file over the defaults, and every value is parsed
/// and checked by the same code as a flag. Relative paths in it are relative to the file's folder.
/// </summary>
internal sealed class ConfigFile
{
    /// <summary>The name looked for beside each dataset.</summary>
    public const string DefaultName = "datascrub.json";

    /// <summary>Options whose values are paths: a relative one is taken from the file's folder, not the working directory.</summary>
    private static readonly HashSet<string> PathOptions = ["json", "html", "markdown", "mean-file", "write-mean", "root", "masks", "baseline", "out", "class-names"];

    /// <summary>Options given once per value (<c>--severity nan=warning --severity inf=off</c>); the other list options
    /// take one comma-separated word.</summary>
    private static readonly HashSet<string> RepeatedOptions = ["--severity"];

    /// <summary>Options a file cannot hold: they choose the file, or are not settings.</summary>
    private static readonly HashSet<string> Refused = ["config", "no-config", "help", "version"];

    public string Path { get; }

    private readonly IReadOnlyList<(string Key, JsonElement Value)> _entries;

    private ConfigFile(string path, IReadOnlyList<(string, JsonElement)> entries)
    {
        Path = path;
        _entries = entries;
    }

    /// <summary>Reads and checks the file's syntax; a <see cref="ConfigFileException"/> names the file and line.</summary>
    public static ConfigFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigFileException(path, $"cannot read it: {e.Message}");
        }
        try
        {
            // Comments and trailing commas: the file is written by people.
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ConfigFileException(path, "it must hold one JSON object of option names and values ({\"batch-size\": 64})");
            return new ConfigFile(path, [.. document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.Clone()))]);
        }
        catch (JsonException e)
        {
            throw new ConfigFileException(path, $"not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}");
        }
    }

    /// <summary>
    /// The command-line words for the file's options that <paramref name="parse"/> did not give, for
    /// <paramref name="command"/>. Keys that are options of <paramref name="otherCommands"/> only are skipped (one
    /// file serves scan and rebuild); a key that is no option at all, or a value of the wrong type, is refused.
    /// </summary>
    public IReadOnlyList<string> WordsFor(ParseResult parse, Command command, IEnumerable<Command> otherCommands)
    {
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in _entries)
        {
            if (!seen.Add(key)) throw new ConfigFileException(Path, $"'{key}' is given twice");
            if (Refused.Contains(key)) throw new ConfigFileException(Path, $"'{key}' cannot be set in a configuration file");
            var option = Find(command, key);
            if (option is null)
            {
                if (otherCommands.Any(c => Find(c, key) is not null)) continue;
                var nearest = CommandLine.UnknownOptions.Nearest("--" + key, command);
                var hint = nearest is null
                    ? $"the options of {command.Name}: {string.Join(", ", command.Options.Select(o => o.Name.TrimStart('-')).Where(n => !Refused.Contains(n)))}"
                    : $"did you mean '{nearest.TrimStart('-')}'?";
                throw new ConfigFileException(Path, $"unknown option '{key}' ({hint})");
            }
            // The command line wins.
            if (parse.GetResult(option) is { Implicit: false }) continue;
            words.AddRange(Words(option, key, value));
        }
        return words;
    }

    private static Option? Find(Command command, string key) =>
        command.Options.FirstOrDefault(o => o.Name == "--" + key);

    private IEnumerable<string> Words(Option option, string key, JsonElement value)
    {
        // A switch (--quiet) takes true or false in the file, and is written as the bare switch.
        var flag = option is Option<bool>;
        if (flag)
        {
            return value.ValueKind switch
            {
                JsonValueKind.True => [option.Name],
                JsonValueKind.False => [],
                _ => throw new ConfigFileException(Path, $"'{key}' is a switch: give true or false"),
            };
        }
        if (value.ValueKind == JsonValueKind.Null) return [];
        // Repeatable options take one word per entry; the others take their list comma-separated (--batch-size 32,64).
        var repeatable = RepeatedOptions.Contains(option.Name);
        var parts = value.ValueKind switch
        {
            JsonValueKind.Array => [.. value.EnumerateArray().Select(v => Scalar(key, v))],
            // "severity": {"nan": "warning"}: KIND=LEVEL pairs.
            JsonValueKind.Object when repeatable => [.. value.EnumerateObject().Select(p => $"{p.Name}={Scalar(key, p.Value)}")],
            _ => new List<string> { Scalar(key, value) },
        };
        if (PathOptions.Contains(key)) parts = [.. parts.Select(Resolve)];
        return repeatable
            ? parts.Select(p => $"{option.Name}={p}")
            : parts.Count == 0 ? [] : [$"{option.Name}={string.Join(',', parts)}"];
    }

    private string Scalar(string key, JsonElement value) => value.ValueKind switch
    {
        // A command line cannot hold a NUL (argv strings end at one), so nothing downstream expects one: a path
        // with it throws in the runtime's path code.
        JsonValueKind.String when value.GetString()!.Contains('\0') => throw new ConfigFileException(Path, $"'{key}': a value may not contain a NUL character"),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        _ => throw new ConfigFileException(Path, $"'{key}': {value.GetRawText()} is not a string or a number"),
    };

    /// <summary>A path in the file, made relative to its folder ("-" stays stdout).</summary>
    private string Resolve(string path) =>
        path == "-" || System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!, path);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
