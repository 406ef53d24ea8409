using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace DataScrub.Cli.CommandLine;

/// <summary>Range rules for numeric options, each refusing a value with one line that names the option,
/// the rule and the value given.</summary>
internal static class OptionRules
{
    public static void AtLeast<T>(Option<T> option, T minimum) where T : struct, INumber<T> =>
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (value < minimum) result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name}: must be at least {minimum}, not {value}"));
        });

    /// <summary>The same for an option without a default, whose absence is null.</summary>
    public static void AtLeastWhenGiven<T>(Option<T?> option, T minimum) where T : struct, INumber<T> =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T?>() is { } value && value < minimum)
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name}: must be at least {minimum}, not {value}"));
        });

    public static void Between<T>(Option<T> option, T minimum, T maximum) where T : struct, INumber<T> =>
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (!(value >= minimum && value <= maximum))
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name}: must be between {minimum} and {maximum}, not {value}"));
        });
}
