using System.Text.Json;
using DataScrub.Analysis.Labels;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Analysis;

/// <summary>
/// Caffe's label rules on HDF5 inputs written here: mask values are class indices (SoftmaxWithLoss reads the
/// probability at each one unchecked), the ignore label is skipped everywhere the loss skips it, an inferred K is a
/// guess whose findings are warnings (and a few far labels do not inflate it), and batch findings follow the loss.
/// </summary>
public class LabelRulesTests
{
    [Fact]
    public void Mask_ValueAtKOrNegative_IsLabelOutOfRangeWithCountAndFirstIndex()
    {
        using var dir = new TempDirectory();
        var masks = new int[4 * 9];
        masks[1 * 9 + 4] = 3;          // row 1: class 3 of K = 3
        masks[1 * 9 + 7] = 3;
        masks[2 * 9 + 0] = -1;         // row 2: -1
        for (var r = 0; r < 4; r++) masks[r * 9 + 8] = r == 2 ? 2 : 1; // foreground everywhere: no empty masks
        var file = TestHdf5.Write(dir, "seg.h5", rows: 4, new TestHdf5.Dataset("label", masks, [4, 3, 3]));

        var withK = Findings(Scan(file, "--num-classes", "3"));
        Assert.Equal(["label-out-of-range seg.h5#1 label 2 4 error", "label-out-of-range seg.h5#2 label 1 0 error"],
            withK.Where(f => f.StartsWith("label")).ToList());

        // Without K only what can never be a class index is out of range.
        var withoutK = Findings(Scan(file));
        Assert.Equal(["label-out-of-range seg.h5#2 label 1 0 error"], withoutK.Where(f => f.StartsWith("label")).ToList());
    }

    [Fact]
    public void IgnoreLabel_MaskBorder_IsNeitherOutOfRangeNorForeground()
    {
        using var dir = new TempDirectory();
        var masks = new int[3 * 16];
        for (var r = 0; r < 3; r++)
            for (var i = 0; i < 4; i++) masks[r * 16 + i] = 255;  // a VOC-style border on every mask
        masks[0 * 16 + 9] = 2;                                      // row 0 has a class-2 pixel; rows 1, 2 only 0 and 255
        masks[2 * 16 + 10] = 1;
        var file = TestHdf5.Write(dir, "voc.h5", rows: 3, new TestHdf5.Dataset("label", masks, [3, 4, 4]));

        using var ignored = Scan(file, "--num-classes", "3", "--ignore-label", "255");
        Assert.Equal(["empty-mask voc.h5#1 label 16 - warning"], Findings(ignored).Where(f => !f.StartsWith("constant")).ToList());
        Assert.Equal(255, ignored.RootElement.GetProperty("settings").GetProperty("ignoreLabel").GetInt64());

        // Without the option, 255 is a class index past K, and the message says which option fits.
        using var plain = Scan(file, "--num-classes", "3");
        var outOfRange = Dataset(plain).GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("kind").GetString() == "label-out-of-range").ToList();
        Assert.Equal(3, outOfRange.Count);
        Assert.Contains("--ignore-label 255", outOfRange[0].GetProperty("message").GetString());
    }

    [Fact]
    public void IgnoreLabel_ClassLabels_AreLeftOutOfCountsAndRecorded()
    {
        using var dir = new TempDirectory();
        var labels = Enumerable.Range(0, 40).Select(i => i % 4 == 3 ? 255 : i % 4).ToArray();
        var file = TestHdf5.Write(dir, "cls.h5", rows: 40, new TestHdf5.Dataset("label", labels, [40]));

        using var doc = Scan(file, "--ignore-label", "255", "-b", "4");
        var labelsSection = Dataset(doc).GetProperty("labels");
        Assert.Equal(["0", "1", "2"], labelsSection.GetProperty("histogram").EnumerateObject().Select(p => p.Name));
        Assert.Equal(10, labelsSection.GetProperty("ignored").GetInt64());
        Assert.Equal(3, labelsSection.GetProperty("numClasses").GetInt64());
        Assert.Equal(30, labelsSection.GetProperty("labelled").GetInt64());
        Assert.DoesNotContain(Findings(doc), f => f.StartsWith("label-out-of-range"));
    }

    [Fact]
    public void FloatMask_Fractional_IsARegressionTargetUnlessKIsGiven()
    {
        using var dir = new TempDirectory();
        var maps = Enumerable.Range(0, 2 * 4).Select(i => i * 0.25f).ToArray();  // 0, 0.25, 0.5, ...
        var file = TestHdf5.Write(dir, "density.h5", rows: 2, new TestHdf5.Dataset("label", maps, [2, 2, 2]));

        Assert.DoesNotContain(Findings(Scan(file)), f => f.StartsWith("label"));
        var withK = Findings(Scan(file, "--num-classes", "3"));
        Assert.Equal(["label-not-integer density.h5#0 label 3 1 error", "label-not-integer density.h5#1 label 3 1 error"],
            withK.Where(f => f.StartsWith("label-not")).ToList());
    }

    [Fact]
    public void InferredK_OneFarLabel_IsOutOfRangeAndDoesNotInflateK()
    {
        using var dir = new TempDirectory();
        // Labels 0..9, 20 of each, shuffled; one sample labelled 1000.
        var labels = Shuffled(Enumerable.Range(0, 200).Select(i => i % 10), seed: 3).ToList();
        labels.Insert(77, 1000);
        var file = TestHdf5.Write(dir, "far.h5", rows: labels.Count, new TestHdf5.Dataset("label", labels.ToArray(), [(ulong)labels.Count]));

        var run = CliRun.InProcess("scan", file, "--json", "-", "--quiet");
        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString()); // the only findings rest on the guess: warnings
        using var doc = JsonDocument.Parse(run.Out);
        var labelsSection = Dataset(doc).GetProperty("labels");
        Assert.Equal(10, labelsSection.GetProperty("numClasses").GetInt64());
        Assert.Equal("dense-labels", labelsSection.GetProperty("numClassesFrom").GetString());
        Assert.Equal([1000L], labelsSection.GetProperty("farLabels").EnumerateArray().Select(l => l.GetInt64()));
        Assert.Contains("label-out-of-range", labelsSection.GetProperty("warning").GetString());
        Assert.Equal(["label-out-of-range far.h5#77 label - - warning"], Findings(doc).Where(f => !f.StartsWith("batch-class-miss")));

        // --num-classes always wins: 1000 is then a class, and 990 classes have no sample.
        var given = CliRun.InProcess("scan", file, "--json", "-", "--quiet", "--num-classes", "1001");
        Assert.Equal(ExitCodes.Findings, given.ExitCode);
        using var givenDoc = JsonDocument.Parse(given.Out);
        var counts = Dataset(givenDoc).GetProperty("countsBySeverity").GetProperty("error");
        Assert.Equal(990, counts.GetProperty("class-absent").GetInt64());
        Assert.False(Dataset(givenDoc).GetProperty("counts").TryGetProperty("label-out-of-range", out _));
    }

    [Fact]
    public void InferredK_CaffeExampleLabelsOneToTen_ClassZeroAbsentIsAWarning()
    {
        using var dir = new TempDirectory();
        var labels = Shuffled(Enumerable.Range(0, 100).Select(i => 1 + i % 10), seed: 5).ToArray();
        var file = TestHdf5.Write(dir, "caffe_sample.h5", rows: 100, new TestHdf5.Dataset("label", labels, [100]));

        var run = CliRun.InProcess("scan", file, "--json", "-", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var absent = Dataset(doc).GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "class-absent");
        Assert.Equal(0, absent.GetProperty("class").GetInt64());
        Assert.Equal("warning", absent.GetProperty("severity").GetString());
        Assert.Contains("inferred", absent.GetProperty("message").GetString());
    }

    [Fact]
    public void BatchClassMiss_ManyBalancedClasses_FollowsTheLoss()
    {
        using var dir = new TempDirectory();
        var labels = Shuffled(Enumerable.Range(0, 3000).Select(i => i % 100), seed: 9).ToArray();
        var file = TestHdf5.Write(dir, "hundred.h5", rows: 3000, new TestHdf5.Dataset("label", labels, [3000]));

        // Plain softmax averages over samples: a batch without some class is harmless, so a warning (exit 0).
        var softmax = CliRun.InProcess("scan", file, "-K", "100", "-b", "256", "--json", "-", "--quiet");
        Assert.True(softmax.ExitCode == ExitCodes.Clean, softmax.ToString());
        using (var doc = JsonDocument.Parse(softmax.Out))
        {
            Assert.Equal(["batch-class-miss warning"], Findings(doc).Select(KindAndSeverity));
            Assert.Equal("softmax", doc.RootElement.GetProperty("settings").GetProperty("loss").GetString());
        }

        var normalized = CliRun.InProcess("scan", file, "-K", "100", "-b", "256", "--loss", "batch-normalized", "--json", "-", "--quiet");
        Assert.Equal(ExitCodes.Findings, normalized.ExitCode);
        using (var doc = JsonDocument.Parse(normalized.Out))
            Assert.Equal(["batch-class-miss error"], Findings(doc).Select(KindAndSeverity));

        // --severity wins over the default, and is recorded.
        var raised = CliRun.InProcess("scan", file, "-K", "100", "-b", "256", "--severity", "batch-class-miss=error", "--json", "-", "--quiet");
        Assert.Equal(ExitCodes.Findings, raised.ExitCode);
        using (var doc = JsonDocument.Parse(raised.Out))
            Assert.Equal("error", doc.RootElement.GetProperty("settings").GetProperty("severity").GetProperty("batch-class-miss").GetString());
    }

    [Fact]
    public void Severity_Off_NeitherListsNorCountsTheKind_AndWarningLowersTheGate()
    {
        using var dir = new TempDirectory();
        var random = new Random(4);
        var data = Enumerable.Range(0, 8 * 3).Select(_ => random.NextSingle()).ToArray();
        data[5 * 3 + 1] = float.NaN;
        var file = TestHdf5.Write(dir, "nan.h5", rows: 8, new TestHdf5.Dataset("data", data, [8, 3]));

        Assert.Equal(ExitCodes.Findings, CliRun.InProcess("scan", file, "--quiet").ExitCode);
        var off = CliRun.InProcess("scan", file, "--severity", "nan=off", "--json", "-", "--quiet");
        Assert.True(off.ExitCode == ExitCodes.Clean, off.ToString());
        using (var doc = JsonDocument.Parse(off.Out))
        {
            Assert.False(Dataset(doc).GetProperty("counts").TryGetProperty("nan", out _));
            Assert.Equal("off", doc.RootElement.GetProperty("settings").GetProperty("severity").GetProperty("nan").GetString());
        }
        var warning = CliRun.InProcess("scan", file, "--severity", "nan=warning,fp16-overflow=off", "--json", "-", "--quiet");
        Assert.True(warning.ExitCode == ExitCodes.Clean, warning.ToString());
        using (var doc = JsonDocument.Parse(warning.Out))
            Assert.Equal(["nan nan.h5#5 data 1 1 warning"], Findings(doc));
        Assert.Equal(ExitCodes.Findings, CliRun.InProcess("scan", file, "--severity", "nan=warning", "--fail-on", "warning", "--quiet").ExitCode);
    }

    [Theory]
    [InlineData("nan=fatal", "'fatal' is not one of error, warning, off")]
    [InlineData("bogus=error", "unknown kind 'bogus'")]
    [InlineData("nan", "'nan' is not KIND=error|warning|off")]
    public void Severity_BadValue_IsAUsageErrorNamingIt(string value, string message)
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Hdf5.Bad.F16), "--severity", value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void Severity_OneKindTwoSeverities_CountsEachAndTheErrorFails()
    {
        using var dir = new TempDirectory();
        // A negative label is out of range whatever K is (an error); 1000 only because K was inferred (a warning).
        var labels = Enumerable.Range(0, 300).Select(i => i % 10).ToArray();
        labels[10] = -3;
        labels[20] = 1000;
        var file = TestHdf5.Write(dir, "mixed.h5", rows: 300, new TestHdf5.Dataset("label", labels, [300]));

        var run = CliRun.InProcess("scan", file, "--json", "-", "--quiet", "-b", "256");

        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var bySeverity = Dataset(doc).GetProperty("countsBySeverity");
        Assert.Equal(1, bySeverity.GetProperty("error").GetProperty("label-out-of-range").GetInt64());
        Assert.Equal(1, bySeverity.GetProperty("warning").GetProperty("label-out-of-range").GetInt64());
        Assert.Equal(2, Dataset(doc).GetProperty("counts").GetProperty("label-out-of-range").GetInt64());
    }

    /// <summary>One damaged label of 579,820,584,963 among eight made K that large: naming every absent class never
    /// ended. The first 10,000 are named, one more finding counts the rest, the report gives the total.</summary>
    [Fact]
    public void InferredK_HugeStrayLabel_NamesTheFirstAbsentClassesAndCountsTheRest()
    {
        using var dir = new TempDirectory();
        var labels = new[] { 0L, 579_820_584_963, 1, 1, 2, 1, 3, 0 };
        var file = TestHdf5.Write(dir, "stray.h5", rows: 8, new("label", labels, [8]));

        using var doc = Scan(file, "--max-findings", "20000");

        var labelsSection = Dataset(doc).GetProperty("labels");
        Assert.Equal(579_820_584_964, labelsSection.GetProperty("numClasses").GetInt64());
        Assert.Equal(579_820_584_959, labelsSection.GetProperty("absentCount").GetInt64());
        Assert.Equal(10_000, labelsSection.GetProperty("absent").GetArrayLength());
        var absent = Dataset(doc).GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("kind").GetString() == "class-absent").ToList();
        Assert.Equal(10_001, absent.Count);
        Assert.Equal(579_820_584_959 - 10_000, absent[^1].GetProperty("count").GetInt64());
    }

    [Theory]
    [InlineData(new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 500, 1000 }, 9L)]   // two far labels: split below both
    [InlineData(new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15 }, null)]         // a gap of 5: a class, not a sentinel
    [InlineData(new long[] { 0, 1, 255 }, 1L)]                                   // 255 after 0..1
    [InlineData(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, null)]
    public void InferredClasses_FarFloor(long[] present, long? floor)
    {
        // 100 samples of each present label below the floor, one of each far label.
        var counts = new SortedDictionary<long, long>(present.ToDictionary(l => l, l => floor is { } f && l > f ? 1L : 100L));

        var inferred = InferredClasses.From(counts, counts.Values.Sum());

        Assert.Equal(floor, inferred.FarFloor);
        Assert.Equal(floor is { } fl ? fl + 1 : present.Max() + 1, inferred.NumClasses);
    }

    [Fact]
    public void InferredClasses_ManySamplesAboveTheGap_AreClassesNotOutliers()
    {
        // 20% of the samples above a wide gap: not "a few", so K stays max + 1.
        var counts = new SortedDictionary<long, long> { [0] = 40, [1] = 40, [100] = 20 };

        Assert.Null(InferredClasses.From(counts, 100).FarFloor);
    }

    [Fact]
    public void HighLabelSamples_OverBudget_ForgetsTheLowestLabelsFirst()
    {
        var high = new HighLabelSamples(budget: 5);
        for (var i = 0; i < 20; i++) high.Observe(20 + i % 4, i, $"s{i}");  // labels 20..23, 5 each
        high.Observe(1000, 20, "far");

        var (samples, complete) = high.Above(23);
        Assert.True(complete);
        Assert.Equal([(20L, "far", 1000L)], samples);
        Assert.False(high.Above(21).Complete); // labels 22 and 23 were forgotten to stay within the budget
        Assert.False(HighLabelSamples.MayKeep(23, high.ForgottenUpTo));
        Assert.True(HighLabelSamples.MayKeep(24, high.ForgottenUpTo));
    }

    [Fact]
    public void HighLabelSamples_LabelsThatCannotBeFar_AreNotKept()
    {
        // A far label follows at least label 0 and 10 unused labels: nothing below 11 is kept or wanted.
        var high = new HighLabelSamples();
        for (var i = 0; i < 100; i++) high.Observe(i % 11, i, $"s{i}");

        Assert.Empty(high.Above(-1).Samples);
        Assert.False(HighLabelSamples.MayKeep(10, high.ForgottenUpTo));
        Assert.True(HighLabelSamples.MayKeep(11, high.ForgottenUpTo));
    }

    private static IEnumerable<int> Shuffled(IEnumerable<int> values, int seed)
    {
        var array = values.ToArray();
        new Random(seed).Shuffle(array);
        return array;
    }

    private static JsonDocument Scan(string file, params string[] extra)
    {
        var run = CliRun.InProcess(["scan", file, "--json", "-", "--quiet", "--fail-on", "never", "--no-duplicates", .. extra]);
        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        return JsonDocument.Parse(run.Out);
    }

    private static JsonElement Dataset(JsonDocument doc) => doc.RootElement.GetProperty("datasets")[0];

    /// <summary>"kind sample field count index severity" per listed finding, '-' for null.</summary>
    private static List<string> Findings(JsonDocument doc) =>
        Dataset(doc).GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("kind").GetString() is not ("constant-sample" or "constant-feature" or "duplicate" or "class-rare" or "unshuffled-order"))
            .Select(f => string.Join(' ', new[] { "kind", "sample", "field", "count", "index", "severity" }.Select(p => Text(f.GetProperty(p))))).ToList();

    private static string KindAndSeverity(string finding) => $"{finding.Split(' ')[0]} {finding.Split(' ')[^1]}";

    private static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => "-",
        JsonValueKind.Number => e.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => e.GetString()!,
    };
}
