using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Analysis;

/// <summary>
/// The label-analysis fixtures (fixtures/make_label_fixtures.py): datasets written by py-lmdb and h5py
/// with a rare class, an absent class, sorted order, a constant channel, duplicates (also across wire
/// encodings), constant samples, fp16 overflows, empty masks and bad float labels. Every expected number
/// was computed by the script with exact rational arithmetic (Python fractions), independently of DataScrub.
/// </summary>
public class LabelFixtureTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string, string[]> Datasets() => new()
    {
        { Fixtures.Lmdb.Labels.Classes, ["--num-classes", "6"] },
        { Fixtures.Lmdb.Labels.Float, ["--num-classes", "3"] },
        { Fixtures.Hdf5.Labels.Masks, [] },
        { Fixtures.Hdf5.Labels.FloatLabels, ["--num-classes", "4"] },
        { Fixtures.Hdf5.Labels.Classes, ["--num-classes", "6"] },
        { Fixtures.Hdf5.Labels.Sorted, ["--num-classes", "3"] },
    };

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Scan_LabelFixture_ExactFindingsAndNumbers(string input, string[] extra)
    {
        using var expectedDoc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Expected(input))));
        var expected = expectedDoc.RootElement;
        using var doc = Scan(input, ["--batch-size", "8,32,64", .. extra]);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        var findings = dataset.GetProperty("findings").EnumerateArray().ToList();

        // Sample-level: exactly the planted ones (kind, sample and, for duplicates, the first occurrence).
        var expectedSamples = expected.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("kind").GetString()} {f.GetProperty("sample").GetString()} {(f.TryGetProperty("of", out var of) ? of.GetString() : "")}")
            .Order().ToList();
        var actualSamples = findings.Where(f => f.GetProperty("sample").ValueKind != JsonValueKind.Null)
            .Select(f => $"{f.GetProperty("kind").GetString()} {f.GetProperty("sample").GetString()} {(f.TryGetProperty("of", out var of) ? of.GetString() : "")}")
            .Order().ToList();
        Assert.Equal(expectedSamples, actualSamples);

        // Channel statistics and constant features.
        var channels = dataset.GetProperty("statistics").GetProperty("channels").EnumerateArray().ToList();
        var expectedChannels = expected.GetProperty("statistics").EnumerateArray().ToList();
        Assert.Equal(expectedChannels.Count, channels.Count);
        for (var c = 0; c < channels.Count; c++)
        {
            Assert.Equal(expectedChannels[c].GetProperty("count").GetInt64(), channels[c].GetProperty("count").GetInt64());
            foreach (var (ours, theirs) in new[] { ("mean", "mean"), ("std", "std"), ("min", "min"), ("max", "max") })
                AssertClose(expectedChannels[c].GetProperty(theirs).GetDouble(), channels[c].GetProperty(ours).GetDouble(), 1e-6, $"channel {c} {ours}");
        }
        var constant = findings.Where(f => f.GetProperty("kind").GetString() == "constant-feature").Select(f => f.GetProperty("channel").GetInt32()).ToList();
        Assert.Equal(expected.GetProperty("constantFeatures").EnumerateArray().Select(c => c.GetInt32()), constant);

        if (expected.TryGetProperty("emptyMaskFraction", out var emptyFraction))
        {
            var masks = dataset.GetProperty("masks");
            AssertClose(emptyFraction.GetDouble(), masks.GetProperty("emptyFraction").GetDouble(), Tolerance, "empty-mask fraction");
            foreach (var p in expected.GetProperty("allEmptyBatchProbability").EnumerateObject())
                AssertClose(p.Value.GetDouble(), masks.GetProperty("allEmptyBatchProbability").GetProperty(p.Name).GetDouble(), Tolerance, $"all-empty batch of {p.Name}");
        }
        if (!expected.TryGetProperty("batch", out var batches)) return;

        var labels = dataset.GetProperty("labels");
        Assert.Equal(expected.GetProperty("numClasses").GetProperty("given").GetInt64(), labels.GetProperty("numClasses").GetInt64());
        Assert.False(labels.GetProperty("inferred").GetBoolean());
        Assert.Equal(expected.GetProperty("absent").EnumerateArray().Select(a => a.GetInt64()), labels.GetProperty("absent").EnumerateArray().Select(a => a.GetInt64()));
        Assert.Equal(expected.GetProperty("absent").EnumerateArray().Select(a => a.GetInt64()),
            findings.Where(f => f.GetProperty("kind").GetString() == "class-absent").Select(f => f.GetProperty("class").GetInt64()));
        var histogram = labels.GetProperty("histogram");
        foreach (var h in expected.GetProperty("histogram").EnumerateObject().Where(h => h.Value.GetInt64() > 0))
            Assert.Equal(h.Value.GetInt64(), histogram.GetProperty(h.Name).GetInt64());

        var reported = labels.GetProperty("batches").EnumerateArray().ToDictionary(b => b.GetProperty("batchSize").GetInt32());
        foreach (var b in batches.EnumerateObject())
        {
            var ours = reported[int.Parse(b.Name)];
            var theirs = b.Value;
            Assert.True(ours.GetProperty("exact").GetBoolean());
            // 1 - P(all classes present): accurate to ~1e-12 absolute, not relative (ShuffledBatchMath).
            AssertClose(theirs.GetProperty("anyClassMissProbability").GetDouble(), ours.GetProperty("anyClassMissProbability").GetDouble(), Tolerance, $"any-class miss at {b.Name}", absolute: 1e-12);
            Assert.Equal(theirs.GetProperty("storageOrder").GetProperty("batches").GetInt64(), ours.GetProperty("storageOrder").GetProperty("batches").GetInt64());
            Assert.Equal(theirs.GetProperty("storageOrder").GetProperty("missing").GetInt64(), ours.GetProperty("storageOrder").GetProperty("missing").GetInt64());
            Assert.Equal(expected.GetProperty("recommendedBatchSize").GetInt32(), ours.GetProperty("recommendedBatchSize").GetInt32());
            var perClass = ours.GetProperty("classMissProbabilities");
            foreach (var c in theirs.GetProperty("classAbsentProbability").EnumerateObject())
            {
                var p = c.Value.GetDouble();
                if (p > 0.001) AssertClose(p, perClass.GetProperty(c.Name).GetDouble(), Tolerance, $"class {c.Name} absent at {b.Name}");
                else Assert.False(perClass.TryGetProperty(c.Name, out _), $"class {c.Name} at {b.Name} is below the threshold");
            }
            // unshuffled-order exactly where the script's independent application of the rule says so.
            if (theirs.TryGetProperty("unshuffledOrderFlagged", out var flaggedUnshuffled))
                Assert.Equal(flaggedUnshuffled.GetBoolean(), findings.Any(f => f.GetProperty("kind").GetString() == "unshuffled-order" && f.GetProperty("batchSize").GetInt32() == int.Parse(b.Name)));
            // batch-class-miss exactly where the exact probability exceeds the default threshold.
            var flagged = findings.Any(f => f.GetProperty("kind").GetString() == "batch-class-miss" && f.GetProperty("batchSize").GetInt32() == int.Parse(b.Name));
            Assert.Equal(theirs.GetProperty("anyClassMissProbability").GetDouble() > 0.001, flagged);
        }

        // class-rare at the smallest batch size (8): P(absent) >= 0.5.
        var rare = batches.GetProperty("8").GetProperty("classAbsentProbability").EnumerateObject()
            .Where(c => c.Value.GetDouble() >= 0.5 && expected.GetProperty("histogram").GetProperty(c.Name).GetInt64() > 0).Select(c => long.Parse(c.Name)).ToList();
        Assert.Equal(rare, findings.Where(f => f.GetProperty("kind").GetString() == "class-rare").Select(f => f.GetProperty("class").GetInt64()));
    }

    [Fact]
    public void Scan_WithoutNumClasses_InfersKFromTheLargestLabel()
    {
        using var doc = Scan(Fixtures.Lmdb.Labels.Classes, []);
        var labels = doc.RootElement.GetProperty("datasets")[0].GetProperty("labels");

        Assert.Equal(5, labels.GetProperty("numClasses").GetInt64());
        Assert.True(labels.GetProperty("inferred").GetBoolean());
        Assert.Empty(labels.GetProperty("absent").EnumerateArray());
    }

    [Fact]
    public void Scan_FloatLabelsWithoutNumClasses_FractionalLabelsAreNotErrors_NaNLabelsAre()
    {
        using var doc = Scan(Fixtures.Hdf5.Labels.FloatLabels, []);
        var kinds = doc.RootElement.GetProperty("datasets")[0].GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("sample").ValueKind != JsonValueKind.Null).Select(f => f.GetProperty("kind").GetString()).ToList();

        Assert.Equal(2, kinds.Count(k => k == "label-nan"));
        Assert.Equal(1, kinds.Count(k => k == "label-out-of-range")); // only -1; 7.0 just makes K = 8
        Assert.DoesNotContain("label-not-integer", kinds);
        Assert.DoesNotContain("nan", kinds); // the NaN label is a label-nan, not counted twice
    }

    [Fact]
    public void Scan_NoDuplicates_ReportsNone()
    {
        using var doc = Scan(Fixtures.Lmdb.Labels.Classes, ["--no-duplicates"]);

        Assert.DoesNotContain(doc.RootElement.GetProperty("datasets")[0].GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("kind").GetString() == "duplicate");
    }

    private static JsonDocument Scan(string input, string[] extra)
    {
        var run = CliRun.InProcess(["scan", Fixtures.Path(input), "--json", "-", "--quiet", "--fail-on", "never", "--threads", "2", .. extra]);
        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        return JsonDocument.Parse(run.Out);
    }

    private static void AssertClose(double expected, double actual, double relative, string what, double absolute = 1e-15) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(Math.Abs(expected), 1e-300) || Math.Abs(expected - actual) < absolute,
            $"{what}: expected {expected:R}, got {actual:R}");
}
