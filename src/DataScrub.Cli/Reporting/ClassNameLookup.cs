using DataScrub.Findings;
using DataScrub.Reporting;

namespace DataScrub.Cli.Reporting;

/// <summary>A dataset's class names by label, for messages that name a class by index: "class 2" becomes
/// "class 2 (n02086373)" where the dataset names its classes (class folders, <c>--class-names</c>).</summary>
internal sealed class ClassNameLookup
{
    private readonly IReadOnlyDictionary<long, string> byLabel;

    private ClassNameLookup(IReadOnlyDictionary<long, string> byLabel) => this.byLabel = byLabel;

    public static ClassNameLookup Of(DatasetReport report) =>
        new((report.ClassNames ?? new Dictionary<string, long>()).GroupBy(c => c.Value).ToDictionary(g => g.Key, g => g.First().Key));

    /// <summary>The finding's message with the name beside its class, when it is about one with a name.</summary>
    public string Annotate(Finding finding)
    {
        if (finding.Class is not { } c || !byLabel.TryGetValue(c, out var name)) return finding.Message;
        var plain = $"class {c}";
        var at = finding.Message.IndexOf(plain, StringComparison.Ordinal);
        // Only a whole number: "class 2" in "class 21" is another class.
        if (at < 0 || (at + plain.Length < finding.Message.Length && char.IsAsciiDigit(finding.Message[at + plain.Length]))) return finding.Message;
        return finding.Message.Insert(at + plain.Length, $" ({name})");
    }
}
