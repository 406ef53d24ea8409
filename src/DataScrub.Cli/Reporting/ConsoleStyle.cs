using DataScrub.Findings;

namespace DataScrub.Cli.Reporting;

/// <summary>ANSI colours for the summary, or none: errors red, warnings yellow, a clean dataset green, paths bold.</summary>
internal sealed class ConsoleStyle(bool enabled)
{
    private const string Reset = "\u001b[0m";

    public string Bold(string text) => Wrap("\u001b[1m", text);

    public string Error(string text) => Wrap("\u001b[31m", text);

    public string Warning(string text) => Wrap("\u001b[33m", text);

    public string Good(string text) => Wrap("\u001b[32m", text);

    public string Severity(Severity severity, string text) => severity == Findings.Severity.Error ? Error(text) : Warning(text);

    private string Wrap(string code, string text) => enabled ? code + text + Reset : text;
}
