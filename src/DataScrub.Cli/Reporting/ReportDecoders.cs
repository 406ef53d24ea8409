using DataScrub.Images.Decoding;

namespace DataScrub.Cli.Reporting;

/// <summary>The image decoders a run judges with, by container, for the report: which library's verdict an image's
/// finding is (the system's libjpeg-turbo, or ImageSharp where a library is absent or turned off).</summary>
internal static class ReportDecoders
{
    public static IReadOnlyList<KeyValuePair<string, string>> Of(ImageDecoders decoders) =>
        [.. decoders.All.OrderBy(d => d.Container).Select(d => KeyValuePair.Create(d.Container.ToString().ToLowerInvariant(), d.Name))];
}
