using System.Text.Json;
using DataScrub.Analysis;
using DataScrub.Findings;
using DataScrub.Formats.Caffe;
using DataScrub.Images;
using DataScrub.Pipeline;
using DataScrub.Reporting;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Analysis.Profile;

/// <summary>The <c>profile</c> section as the JSON report gives it: exact counts on planted data and on fixtures, the
/// same report for any thread count and batch size, and the report's own findings recounted per range and per file.</summary>
public sealed class ProfileReportTests
{
    /// <summary>12 float Datums 3x2x2 (4 values a channel), label i % 4, with NaN/Inf planted (channel = index / 4):
    /// #1 NaN at 0 and 5; #4 NaN at 3, -Inf at 8, +Inf at 11; #5 NaN at 9; #7 NaN at 4..7; #10 +Inf at 0.
    /// #2 and #4 also hold 70,000 (fp16-overflow, a warning).</summary>
    private static List<(string Key, byte[] Value)> Planted()
    {
        var planted = new Dictionary<int, (int Index, float Value)[]>
        {
            [1] = [(0, float.NaN), (5, float.NaN)],
            [2] = [(6, 70_000f)],
            [4] = [(3, float.NaN), (8, float.NegativeInfinity), (11, float.PositiveInfinity), (1, 70_000f)],
            [5] = [(9, float.NaN)],
            [7] = [(4, float.NaN), (5, float.NaN), (6, float.NaN), (7, float.NaN)],
            [10] = [(0, float.PositiveInfinity)],
        };
        return PipelineReport.Keyed(Enumerable.Range(0, 12).Select(i =>
        {
            var values = Enumerable.Range(0, 12).Select(v => (float)(i + 0.25 * v)).ToArray();
            foreach (var (index, value) in planted.GetValueOrDefault(i, [])) values[index] = value;
            return CaffeDatumCodec.Serialize(CaffeDatumCodec.Float(3, 2, 2, values, i % 4));
        }));
    }

    [Fact]
    public void Scan_PlantedNonFinite_CountsPerChannelAndPerClass()
    {
        var profile = Profile(Scan(Planted()));

        Assert.Equal(5, profile.GetProperty("nonFiniteSamples").GetInt64());
        Assert.Equal(3, profile.GetProperty("nonFiniteChannels").GetInt32());
        Assert.Equal(["0:3:2:1", "1:2:5:0", "2:2:1:2"], Rows(profile, "nonFiniteByChannel", "channel", "samples", "nanValues", "infValues"));
        Assert.Equal(4, profile.GetProperty("nonFiniteClasses").GetInt64());
        Assert.Equal(["0:3:1", "1:3:2", "2:3:1", "3:3:1"], Rows(profile, "nonFiniteByClass", "class", "samples", "nonFiniteSamples"));
    }

    [Fact]
    public void Scan_PlantedFindings_CountEachSampleOnceByItsWorstSeverity()
    {
        var profile = Profile(Scan(Planted()));

        Assert.Equal(1, profile.GetProperty("rangeWidth").GetInt64());
        var ranges = Rows(profile, "findingsByRange", "firstIndex", "samples", "firstKey", "lastKey", "errorSamples", "warningSamples");
        Assert.Equal(12, ranges.Count);
        // #4 has an error and a warning: an error sample only.
        Assert.Equal("1:1:00000001:00000001:1:0", ranges[1]);
        Assert.Equal("2:1:00000002:00000002:0:1", ranges[2]);
        Assert.Equal("4:1:00000004:00000004:1:0", ranges[4]);
        Assert.Equal("11:1:00000011:00000011:0:0", ranges[11]);
        // One store: no file per sample.
        Assert.Equal(0, profile.GetProperty("files").GetInt64());
        Assert.Empty(profile.GetProperty("findingsByFile").EnumerateArray());
    }

    [Fact]
    public void Scan_300Samples_RangesOfFourWithTheirFirstAndLastKeys()
    {
        // 300 samples in at most 128 ranges: width 4 (75 ranges). NaN in #0, #3, #4 and #299.
        var records = PipelineReport.Keyed(Enumerable.Range(0, 300).Select(i =>
            CaffeDatumCodec.Serialize(CaffeDatumCodec.Float(1, 1, 2, [i is 0 or 3 or 4 or 299 ? float.NaN : i, 0.5f], i % 2))));

        var profile = Profile(Scan(records));

        Assert.Equal(4, profile.GetProperty("rangeWidth").GetInt64());
        var ranges = Rows(profile, "findingsByRange", "firstIndex", "samples", "firstKey", "lastKey", "errorSamples", "warningSamples");
        Assert.Equal(75, ranges.Count);
        Assert.Equal("0:4:00000000:00000003:2:0", ranges[0]);
        Assert.Equal("4:4:00000004:00000007:1:0", ranges[1]);
        Assert.Equal("8:4:00000008:00000011:0:0", ranges[2]);
        Assert.Equal("296:4:00000296:00000299:1:0", ranges[74]);
    }

    [Fact]
    public void Scan_AnyThreadCountAndBatchSize_GivesTheSameProfile()
    {
        var records = InMemoryReader.Synthetic(5000, seed: 3);
        var reference = Scan(records, threads: 1, batch: 256).GetProperty("profile").GetRawText();

        foreach (var (threads, batch) in new[] { (2, 1), (3, 7), (4, 64), (8, 5) })
            Assert.Equal(reference, Scan(records, threads, batch).GetProperty("profile").GetRawText());
    }

    [Fact]
    public void Scan_SeverityOverrides_MoveTheRangeCountsButNotTheNonFiniteCounts()
    {
        var asWarning = Profile(Scan(Planted(), severities: Policy((FindingKinds.Nan, Severity.Warning), (FindingKinds.Inf, Severity.Warning))));
        var off = Profile(Scan(Planted(), severities: Policy((FindingKinds.Nan, null), (FindingKinds.Inf, null), (FindingKinds.Fp16Overflow, null))));

        var warned = Rows(asWarning, "findingsByRange", "firstIndex", "errorSamples", "warningSamples");
        Assert.Equal(["1:0:1", "4:0:1", "7:0:1"], [warned[1], warned[4], warned[7]]);
        Assert.All(Rows(off, "findingsByRange", "errorSamples", "warningSamples"), r => Assert.Equal("0:0", r));
        Assert.Equal(5, off.GetProperty("nonFiniteSamples").GetInt64());
        Assert.Equal(["0:3:1", "1:3:2", "2:3:1", "3:3:1"], Rows(off, "nonFiniteByClass", "class", "samples", "nonFiniteSamples"));
    }

    [Fact]
    public void Scan_Hdf5List_AttributesRowsToTheirFiles()
    {
        var dataset = ScanFixture(Fixtures.Hdf5.Lists.Mixed);
        var profile = Profile(dataset);

        // contiguous_f32.h5 rows 3, 7, 12, 19; chunked_gzip_f32.h5 rows 0, 17, 33, 49 (3x4x4 float32, channel = index / 16).
        Assert.Equal(2, profile.GetProperty("files").GetInt64());
        Assert.Equal(["contiguous_f32.h5:20:4:0", "chunked_gzip_f32.h5:50:4:0"],
            Rows(profile, "findingsByFile", "file", "samples", "errorSamples", "warningSamples"));
        Assert.Equal(8, profile.GetProperty("nonFiniteSamples").GetInt64());
        Assert.Equal(["0:5:3:3", "1:1:0:1", "2:4:4:0"], Rows(profile, "nonFiniteByChannel", "channel", "samples", "nanValues", "infValues"));
        AssertRecountsFindings(dataset);
    }

    [Fact]
    public void Scan_ImageFolder_AttributesImagesToTheirClassFolders()
    {
        var dataset = ScanFixture(Fixtures.Images.Tree);
        var profile = Profile(dataset);

        Assert.Equal(3, profile.GetProperty("files").GetInt64());
        Assert.Equal(["bird:11", "cat:12", "dog:11"], Rows(profile, "findingsByFile", "file", "samples"));
        AssertRecountsFindings(dataset);
    }

    [Theory]
    [InlineData(Fixtures.Lmdb.Bad.Mixed)]
    [InlineData(Fixtures.Lmdb.Bad.EncodedMixed)]
    [InlineData(Fixtures.LevelDb.Bad.Mixed)]
    [InlineData(Fixtures.Hdf5.Lists.Repeated)]
    [InlineData(Fixtures.Images.TrainList)]
    [InlineData(Fixtures.Images.Flat)]
    public void Scan_Fixture_RangesAndFilesRecountTheReportsFindings(string fixture) => AssertRecountsFindings(ScanFixture(fixture));

    [Fact]
    public void Scan_LabelledFixture_CoverageMatchesTheStorageOrderCounts()
    {
        var dataset = ScanFixture(Fixtures.Lmdb.Bad.Mixed, "--batch-size", "4,8,64");
        var coverage = Profile(dataset).GetProperty("coverage").EnumerateArray().ToList();
        var batches = dataset.GetProperty("labels").GetProperty("batches").EnumerateArray().ToList();

        Assert.Equal([4, 8, 64], coverage.Select(c => c.GetProperty("batchSize").GetInt32()));
        for (var i = 0; i < coverage.Count; i++)
        {
            var points = coverage[i].GetProperty("points").EnumerateArray().ToList();
            var storage = batches[i].GetProperty("storageOrder");
            Assert.Equal(dataset.GetProperty("labels").GetProperty("numClasses").GetInt64(), coverage[i].GetProperty("numClasses").GetInt64());
            Assert.Equal(storage.GetProperty("batches").GetInt64(), points.Sum(p => p.GetProperty("batches").GetInt64()));
            Assert.Equal(0, points[0].GetProperty("firstBatch").GetInt64());
        }
    }

    /// <summary>Each range's and each file's error and warning samples, recounted from the report's findings (sample
    /// findings but <c>duplicate</c>, which the profile leaves out, and those naming a store file rather than a sample);
    /// the ranges cover every sample once. The fixtures are small: one sample per range, whose key gives its index.</summary>
    private static void AssertRecountsFindings(JsonElement dataset)
    {
        var profile = Profile(dataset);
        var ranges = profile.GetProperty("findingsByRange").EnumerateArray().ToList();
        Assert.Equal(1, profile.GetProperty("rangeWidth").GetInt64());
        var indexOf = ranges.ToDictionary(r => r.GetProperty("firstKey").GetString()!, r => r.GetProperty("firstIndex").GetInt64());
        var errorOf = new Dictionary<long, bool>();
        foreach (var f in dataset.GetProperty("findings").EnumerateArray())
        {
            if (f.GetProperty("sample").ValueKind == JsonValueKind.Null || f.GetProperty("kind").GetString() == "duplicate" || f.TryGetProperty("file", out _))
                continue;
            var index = indexOf[f.GetProperty("sample").GetString()!];
            errorOf[index] = errorOf.GetValueOrDefault(index) || f.GetProperty("severity").GetString() == "error";
        }

        Assert.Equal(dataset.GetProperty("samples").GetInt64(), ranges.Count);
        for (var i = 0; i < ranges.Count; i++)
        {
            Assert.Equal(i, ranges[i].GetProperty("firstIndex").GetInt64());
            Assert.Equal(ranges[i].GetProperty("firstKey").GetString(), ranges[i].GetProperty("lastKey").GetString());
            Assert.Equal(errorOf.TryGetValue(i, out var e) && e ? 1 : 0, ranges[i].GetProperty("errorSamples").GetInt64());
            Assert.Equal(errorOf.TryGetValue(i, out var w) && !w ? 1 : 0, ranges[i].GetProperty("warningSamples").GetInt64());
        }
        var format = dataset.GetProperty("format").GetString()!;
        var files = profile.GetProperty("findingsByFile").EnumerateArray().ToList();
        foreach (var file in files)
        {
            var name = file.GetProperty("file").GetString()!;
            var inside = indexOf.Where(k => FileOf(k.Key, format) == name).Select(k => k.Value).ToList();
            Assert.Equal(inside.Count, file.GetProperty("samples").GetInt64());
            Assert.Equal(inside.Count(i => errorOf.TryGetValue(i, out var e) && e), file.GetProperty("errorSamples").GetInt64());
            Assert.Equal(inside.Count(i => errorOf.TryGetValue(i, out var w) && !w), file.GetProperty("warningSamples").GetInt64());
        }
        if (format is "hdf5" or "images") Assert.Equal(indexOf.Keys.Select(k => FileOf(k, format)).Distinct().Count(), files.Count);
    }

    private static string FileOf(string sample, string format) => format == "hdf5"
        ? sample[..sample.LastIndexOf('#')]
        : sample.LastIndexOf('/') is var slash and >= 0 ? sample[..slash] : ".";

    private static JsonElement ScanFixture(string fixture, params string[] extra)
    {
        var run = CliRun.InProcess(["scan", Fixtures.Path(fixture), "--json", "-", "--quiet", "--fail-on", "never", "--threads", "2", .. extra]);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.GetProperty("datasets")[0].Clone();
    }

    private static JsonElement Scan(IReadOnlyList<(string Key, byte[] Value)> records, int threads = 2, int batch = 5, SeverityPolicy? severities = null)
    {
        using var reader = new InMemoryReader(records);
        var report = ScrubPipeline.Run(reader, new ScrubOptions
        {
            Checks = StandardChecks.Default,
            Threads = threads,
            BatchMaxSamples = batch,
            Severities = severities ?? SeverityPolicy.Default,
        });
        using var doc = JsonDocument.Parse(JsonReportWriter.ToJson(new ScanReport("test", 0, [report with { Seconds = 0 }])));
        return doc.RootElement.GetProperty("datasets")[0].Clone();
    }

    private static SeverityPolicy Policy(params (FindingKind Kind, Severity? Severity)[] overrides) =>
        new() { Overrides = overrides.ToDictionary(o => o.Kind, o => o.Severity) };

    private static JsonElement Profile(JsonElement dataset) => dataset.GetProperty("profile");

    private static List<string> Rows(JsonElement profile, string list, params string[] fields) =>
        [.. profile.GetProperty(list).EnumerateArray().Select(e => string.Join(":", fields.Select(f => e.GetProperty(f).ToString())))];
}
