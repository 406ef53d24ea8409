using System.Text.Json;
using DataScrub.Analysis;
using DataScrub.Formats.Caffe;
using DataScrub.Pipeline;
using DataScrub.Reporting;

namespace DataScrub.Tests.Shared;

/// <summary>Runs the pipeline over Datums held in memory and returns the dataset's section of the JSON report: the
/// stable contract the analyses are tested through, whatever classes compute them.</summary>
public static class PipelineReport
{
    public static JsonElement Scan(IReadOnlyList<(string Key, byte[] Value)> records, AnalysisOptions? analysis = null, int threads = 2)
    {
        using var reader = new InMemoryReader(records);
        var report = ScrubPipeline.Run(reader, new ScrubOptions { Checks = DataScrub.Images.StandardChecks.Create(DataScrub.Images.ImageInspectionOptions.Default, analysis?.NumClasses, analysis?.IgnoreLabel), Threads = threads, BatchMaxSamples = 5, Analysis = analysis ?? AnalysisOptions.Default });
        using var doc = JsonDocument.Parse(JsonReportWriter.ToJson(new ScanReport("test", 0, [report with { Seconds = 0 }])));
        return doc.RootElement.GetProperty("datasets")[0].Clone();
    }

    /// <summary>A raw uint8 3x2x2 Datum of distinct pseudo-random bytes (seeded by <paramref name="seed"/>).</summary>
    public static byte[] Raw(int seed, int label)
    {
        var data = new byte[12];
        new Random(seed).NextBytes(data);
        return CaffeDatumCodec.Serialize(CaffeDatumCodec.Raw(3, 2, 2, data, label));
    }

    public static List<(string Key, byte[] Value)> Keyed(IEnumerable<byte[]> values) =>
        values.Select((v, i) => ($"{i:D8}", v)).ToList();

    public static List<JsonElement> Findings(JsonElement dataset, string kind) =>
        dataset.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("kind").GetString() == kind).ToList();
}
