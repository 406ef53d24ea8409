using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace DataScrub.Cli.CommandLine;

/// <summary>
/// Gives every numeric option of a command a parser whose error names the option and the value in the user's
/// words ("--threads: 'abc' is not a whole number") instead of System.CommandLine's ("... as expected type
/// 'System.Int32'"), and makes validators safe on a value that did not parse (System.CommandLine runs them
/// anyway, and their GetValueOrDefault throws: 'datascrub scan x --threads abc' used to abort the process).
/// Applied to whole commands, so options added later are covered without doing anything.
/// </summary>
internal static class OptionValueParsers
{
    public static void Install(Command command)
    {
        foreach (var option in command.Options)
        {
            switch (option)
            {
                case Option<int> o: o.CustomParser ??= r => Parse<int>(r, o.Name, NumberStyles.AllowLeadingSign, "a whole number"); break;
                case Option<long> o: o.CustomParser ??= r => Parse<long>(r, o.Name, NumberStyles.AllowLeadingSign, "a whole number"); break;
                case Option<double> o: o.CustomParser ??= r => Parse<double>(r, o.Name, NumberStyles.Float, "a number"); break;
                case Option<int?> o: o.CustomParser ??= r => Parse<int>(r, o.Name, NumberStyles.AllowLeadingSign, "a whole number"); break;
                case Option<long?> o: o.CustomParser ??= r => Parse<long>(r, o.Name, NumberStyles.AllowLeadingSign, "a whole number"); break;
                case Option<double?> o: o.CustomParser ??= r => Parse<double>(r, o.Name, NumberStyles.Float, "a number"); break;
            }
            // Help shows <N>, not the option's own name repeated (<max-findings>).
            if (option.ValueType == typeof(int) || option.ValueType == typeof(long) || option.ValueType == typeof(int?) || option.ValueType == typeof(long?))
                option.HelpName ??= "N";
            for (var i = 0; i < option.Validators.Count; i++)
                option.Validators[i] = SkippedWhenUnparsed(option.Validators[i]);
        }
    }

    private static T Parse<T>(ArgumentResult result, string option, NumberStyles styles, string what) where T : struct, INumberBase<T>
    {
        var text = result.Tokens[0].Value;
        if (T.TryParse(text, styles, CultureInfo.InvariantCulture, out var value)) return value;
        result.AddError($"{option}: '{text}' is not {what}");
        return default;
    }

    /// <summary>A validator that reads the value throws when the value did not parse; its parser has already said why.</summary>
    private static Action<OptionResult> SkippedWhenUnparsed(Action<OptionResult> validator) => result =>
    {
        try
        {
            validator(result);
        }
        catch (InvalidOperationException) when (result.Errors.Any())
        {
        }
    };
}
