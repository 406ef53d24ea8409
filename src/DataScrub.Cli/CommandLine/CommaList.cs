using System.CommandLine.Parsing;

namespace DataScrub.Cli.CommandLine;

/// <summary>Comma-separated option values (<c>--batch-size 32,64</c>, <c>--data a,b</c>, <c>--drop nan,inf</c>):
/// blanks around an element are ignored, an empty element is an error (<c>32,,64</c> is a typo, not 32,64).</summary>
internal static class CommaList
{
    /// <summary>The elements, or null after adding an error to <paramref name="result"/>.</summary>
    public static string[]? Split(ArgumentResult result, string option)
    {
        var text = result.Tokens[0].Value;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Any(p => p.Length == 0))
        {
            result.AddError($"{option}: '{text}' has an empty element");
            return null;
        }
        return parts;
    }
}
