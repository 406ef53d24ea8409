using System.Text;
using System.Text.Json;
using DataScrub.Analysis;
using DataScrub.Analysis.Profile;
using DataScrub.Checks;
using DataScrub.Findings;
using DataScrub.Records;
using DataScrub.Samples;

namespace DataScrub.Tests.Analysis.Profile;

/// <summary>The profile's state merges: runs of consecutive samples counted apart, starting at any width the dataset
/// will reach, and merged in any grouping give the one-pass section; and its memory stays bounded with a million
/// samples, a million classes and more files than it keeps.</summary>
public sealed class ProfileMergeTests
{
    [Fact]
    public void Merge_AnySplitGroupingAndStartingWidth_GivesTheOnePassSection()
    {
        var random = new Random(2024);
        for (var trial = 0; trial < 60; trial++)
        {
            var samples = Synthetic(random.Next(0, 3000), random.Next(1, 40), seed: trial);
            var analysis = new ProfileAnalysis(SeverityPolicy.Default, SampleFileNaming.FileHashRow);
            var onePass = analysis.Create();
            foreach (var s in samples) s.ObserveInto(onePass);
            var expected = Section(analysis, onePass);
            var finalWidth = onePass.Ranges.Width;

            var cuts = Enumerable.Range(1, Math.Max(0, samples.Count - 1)).Where(_ => random.Next(40) == 0)
                .Prepend(0).Append(samples.Count).Distinct().Order().ToArray();
            var runs = new List<ProfileState>();
            for (var r = 0; r + 1 < cuts.Length; r++)
            {
                // Any width up to the final one (a worker reads the width of the dataset so far, which never passes it).
                var width = 1L << random.Next(0, System.Numerics.BitOperations.Log2((ulong)finalWidth) + 1);
                var run = new ProfileState(SeverityPolicy.Default, SampleFileNaming.FileHashRow, width);
                for (var i = cuts[r]; i < cuts[r + 1]; i++) samples[i].ObserveInto(run);
                runs.Add(run);
            }
            if (runs.Count == 0) runs.Add(analysis.Create());
            while (runs.Count > 1)
            {
                var at = random.Next(runs.Count - 1);
                runs[at].Merge(runs[at + 1]);
                runs.RemoveAt(at + 1);
            }

            Assert.True(expected == Section(analysis, runs[0]), $"trial {trial}: {samples.Count} samples cut at [{string.Join(",", cuts)}]");
        }
    }

    [Fact]
    public void Observe_AMillionSamplesAndClasses_StaysBounded()
    {
        const int samples = 1_000_000;
        var analysis = new ProfileAnalysis(SeverityPolicy.Default, SampleFileNaming.FileHashRow);
        var whole = analysis.Create();
        var sample = new SyntheticSample();
        var findings = new List<Finding>();
        // Batches of 256 merged in order, as the aggregator merges them (with its width hint).
        for (var start = 0; start < samples; start += 256)
        {
            var batch = analysis.Create();
            for (var i = start; i < Math.Min(samples, start + 256); i++)
            {
                // Every class its own label; NaN in every 10th sample, in channel i % 1000 of 1000; one file per 10 rows.
                sample.Set(i, $"f{i / 10}.h5#{i % 10}", label: i, nan: i % 10 == 0, channel: i % 1000);
                sample.ObserveInto(batch, findings);
            }
            whole.Merge(batch);
            analysis.Drain(whole, []);
        }
        var results = new AnalysisResults(new DatasetInfo("memory", "memory", samples));
        analysis.Complete(whole, results);
        var section = Assert.IsType<ProfileSection>(Assert.Single(results.Sections));

        Assert.Equal(8192, section.RangeWidth);
        Assert.Equal(123, section.FindingsByRange.Count); // ceil(10^6 / 8192)
        Assert.Equal(samples, section.FindingsByRange.Sum(r => r.Samples));
        Assert.Equal(samples / 10, section.FindingsByRange.Sum(r => r.ErrorSamples));
        Assert.Equal(("f0.h5#0", "f819.h5#1"), (section.FindingsByRange[0].FirstKey, section.FindingsByRange[0].LastKey));
        Assert.Equal((122L * 8192, "f99942.h5#4", "f99999.h5#9"),
            (section.FindingsByRange[^1].FirstIndex, section.FindingsByRange[^1].FirstKey, section.FindingsByRange[^1].LastKey));
        Assert.Equal(samples / 10, section.NonFiniteClasses);
        Assert.Equal(ClassNonFiniteTally.MaxListed, section.NonFiniteByClass.Count);
        Assert.Equal(100, section.NonFiniteChannels); // channels 0, 10, ..., 990
        Assert.Equal(100, section.NonFiniteByChannel.Count);
        // 100,000 files: more than the tally keeps, so none is listed.
        Assert.Null(section.Files);
        Assert.Empty(section.FindingsByFile);
    }

    [Theory]
    [InlineData("a.h5#3", SampleFileNaming.FileHashRow, "a.h5")]
    [InlineData("x#y.h5@2#10", SampleFileNaming.FileHashRow, "x#y.h5@2")]
    [InlineData("no-row", SampleFileNaming.FileHashRow, "no-row")]
    [InlineData("cat/sub/img.jpg", SampleFileNaming.FolderOfPath, "cat/sub")]
    [InlineData("img.jpg", SampleFileNaming.FolderOfPath, "")]
    [InlineData("00000001_cat/x.jpg", SampleFileNaming.None, "")]
    public void FileOf_ReadsTheFileFromTheKey(string key, SampleFileNaming naming, string file) =>
        Assert.Equal(file, Encoding.UTF8.GetString(FileFindingsTally.FileOf(Encoding.UTF8.GetBytes(key), naming)));

    [Fact]
    public void FileFindings_MoreFilesThanKept_OverflowsWhateverTheSplit()
    {
        // One file more than kept: split in two halves that each keep theirs, the merge must still overflow.
        var first = new FileFindingsTally(SampleFileNaming.FileHashRow);
        var second = new FileFindingsTally(SampleFileNaming.FileHashRow);
        for (var f = 0; f <= FileFindingsTally.MaxFiles; f++)
            (f % 2 == 0 ? first : second).Observe(f, Encoding.UTF8.GetBytes($"file{f}#0"), SampleOutcome.Clean);
        Assert.False(first.Overflowed);
        Assert.False(second.Overflowed);

        first.Merge(second);

        Assert.True(first.Overflowed);
        Assert.Null(first.Files);
        Assert.Empty(first.Listed());
    }

    /// <summary>Up to 256 listed classes: those with the most NaN/Inf samples, ties to the lower label, by label.</summary>
    [Fact]
    public void Listed_KeepsTheMostAffectedClasses()
    {
        // Class l has 3 samples, min(3, l % 5) of them with NaN/Inf: 400 classes have 3, 200 have 2, 200 have 1.
        var classes = new ClassNonFiniteTally();
        for (var label = 0; label < 1000; label++)
            for (var n = 0; n < Math.Min(3, label % 5); n++) classes.Observe(label);

        var listed = classes.Listed(samplesOf: _ => 3);

        Assert.Equal(Enumerable.Range(0, 1000).Where(l => l % 5 >= 3).Take(ClassNonFiniteTally.MaxListed).Select(l => $"{l}:3:3"),
            listed.Select(c => $"{c.Class}:{c.Samples}:{c.NonFiniteSamples}"));
        Assert.Equal(800, classes.Affected);
    }

    private static string Section(ProfileAnalysis analysis, ProfileState state)
    {
        var results = new AnalysisResults(new DatasetInfo("memory", "memory", null));
        analysis.Complete(state, results);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            results.Sections.Single().WriteJson(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A seeded stream: keys FILE#ROW over a few files, labels, NaN/Inf in channels, warnings and errors.</summary>
    private static List<SyntheticSample> Synthetic(int count, int classes, int seed)
    {
        var random = new Random(seed);
        var samples = new List<SyntheticSample>(count);
        var file = 0;
        var row = 0;
        for (var i = 0; i < count; i++)
        {
            if (random.Next(50) == 0) (file, row) = (file + 1, 0);
            var roll = random.Next(20);
            var sample = new SyntheticSample();
            sample.Set(i, $"f{file}.h5#{row++}", label: random.Next(8) == 0 ? null : random.Next(classes),
                nan: roll == 0, channel: random.Next(3), inf: roll == 1, warning: roll is 1 or 2);
            samples.Add(sample);
        }
        return samples;
    }

    /// <summary>One sample as the checks leave it: key, label, findings and non-finite channels.</summary>
    private sealed class SyntheticSample
    {
        private readonly SampleContent _content = new();
        private readonly SampleObservations _observations = new();
        private long _index;
        private byte[] _key = [];
        private bool _nan, _inf, _warning;
        private int _channel;

        public void Set(long index, string key, long? label, bool nan, int channel, bool inf = false, bool warning = false)
        {
            (_index, _key, _nan, _inf, _warning, _channel) = (index, Encoding.UTF8.GetBytes(key), nan, inf, warning, channel);
            _content.Reset();
            _content.Label = label;
        }

        public void ObserveInto(ProfileState state) => ObserveInto(state, []);

        public void ObserveInto(ProfileState state, List<Finding> findings)
        {
            findings.Clear();
            _observations.Begin(_index, new RecordBytes(_key), findings);
            if (_nan) _observations.Report(FindingKinds.Nan, "data", 1, 0, "NaN");
            if (_inf) _observations.Report(FindingKinds.Inf, "data", 2, 0, "Inf");
            if (_warning) _observations.Report(FindingKinds.Fp16Overflow, "data", 1, 0, "big");
            if (_nan || _inf) _observations.AddNonFiniteChannel(_channel, _nan ? 1 : 0, _inf ? 2 : 0);
            state.Observe(new AnalysedSample(_index, _content, default, _observations));
        }
    }
}
