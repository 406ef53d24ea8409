namespace DataScrub.Tests.Cli.Reporting.Html;

/// <summary>A fact that needs chromium: skipped with the reason when it is missing, unless it is required
/// (<see cref="HeadlessChromium.RequireVariable"/>).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.SkipReason is { } reason) Skip = reason;
    }
}
