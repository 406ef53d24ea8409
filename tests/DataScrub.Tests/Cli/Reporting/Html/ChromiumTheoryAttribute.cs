namespace DataScrub.Tests.Cli.Reporting.Html;

/// <summary>A theory that needs chromium (see <see cref="ChromiumFactAttribute"/>).</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (HeadlessChromium.SkipReason is { } reason) Skip = reason;
    }
}
