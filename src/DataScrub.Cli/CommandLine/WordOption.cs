using System.CommandLine;

namespace DataScrub.Cli.CommandLine;

/// <summary>An option that takes one of a few lowercase words (<c>--fail-on error|warning|never</c>): help
/// lists the words, and any other value is refused with one line naming them.</summary>
internal static class WordOption
{
    public static Option<string> Create(string name, string description, IReadOnlyList<string> words, string defaultWord, params string[] aliases)
    {
        var option = new Option<string>(name, aliases)
        {
            Description = description,
            HelpName = string.Join("|", words),
            DefaultValueFactory = _ => defaultWord,
        };
        option.CustomParser = result =>
        {
            var word = result.Tokens[0].Value;
            if (words.Contains(word, StringComparer.Ordinal)) return word;
            result.AddError($"{name}: '{word}' is not one of {string.Join(", ", words)}");
            return defaultWord;
        };
        return option;
    }
}
