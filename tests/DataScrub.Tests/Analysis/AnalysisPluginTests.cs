using System.Text.Json;
using DataScrub.Analysis;
using DataScrub.Images;
using DataScrub.Pipeline;
using DataScrub.Reporting;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Analysis;

/// <summary>An analysis from outside DataScrub plugs into a scan through <see cref="ScrubOptions.AnalysisFactory"/>:
/// the workers fill its state per batch, the aggregator merges it in storage order, its section reaches the JSON
/// report, and no DataScrub file knows it.</summary>
public sealed class AnalysisPluginTests
{
    /// <summary>The storage-order positions of the samples whose key ends in a given digit and .jpg: order-dependent, so a
    /// merge that lost or reordered batches would show.</summary>
    private sealed class KeysEndingIn(char digit) : DatasetAnalysis<KeysEndingIn.State>
    {
        public override State Create() => new(digit);

        public override void Complete(State whole, AnalysisResults results) => results.Add(new Section(whole.Positions));

        // Positions are sample indices: a shard writes its own, and the merge moves them by the shards before it.
        public override void WriteShard(State state, DataScrub.Sharding.ShardStateWriter writer)
        {
            writer.Write(state.Positions.Count);
            foreach (var p in state.Positions) writer.Write(p);
        }

        public override IEnumerable<State> ReadShard(DataScrub.Sharding.ShardStateReader reader, long offset)
        {
            var state = new State(digit);
            var count = reader.ReadCount(8);
            for (var i = 0; i < count; i++) state.Positions.Add(reader.ReadInt64() + offset);
            yield return state;
        }

        public sealed class State(char digit) : IAnalysisState
        {
            public List<long> Positions { get; } = [];

            public void Observe(in AnalysedSample sample)
            {
                if (sample.Id.EndsWith($"{digit}.jpg")) Positions.Add(sample.Index);
            }

            public void Merge(IAnalysisState later) => Positions.AddRange(((State)later).Positions);
        }

        private sealed record Section(IReadOnlyList<long> Positions) : IReportSection
        {
            public string Name => "keysEndingIn7";

            public int Order => 900;

            public void WriteJson(Utf8JsonWriter json)
            {
                json.WriteStartArray(Name);
                foreach (var p in Positions) json.WriteNumberValue(p);
                json.WriteEndArray();
            }

            public void WriteConsole(TextWriter output)
            {
            }
        }
    }

    [Theory]
    [InlineData(1, 256)]
    [InlineData(3, 7)]
    public void PluggedAnalysis_SeesEverySampleInOrder_AndWritesItsSection(int threads, int batch)
    {
        var records = InMemoryReader.Synthetic(500, seed: 3);
        var options = new ScrubOptions
        {
            Checks = StandardChecks.Default,
            Threads = threads,
            BatchMaxSamples = batch,
            AnalysisFactory = dataset => [.. StandardAnalyses.Create(DataScrub.Analysis.AnalysisOptions.Default, dataset), new KeysEndingIn('7')],
        };
        using var reader = new InMemoryReader(records);
        var report = ScrubPipeline.Run(reader, options);

        using var json = JsonDocument.Parse(JsonReportWriter.ToJson(new ScanReport("t", 0, [report])));
        var dataset = json.RootElement.GetProperty("datasets")[0];
        var positions = dataset.GetProperty("keysEndingIn7").EnumerateArray().Select(p => p.GetInt64()).ToList();
        var expected = records.Select((r, i) => (r.Key, Index: (long)i)).Where(r => r.Key.EndsWith("7.jpg")).Select(r => r.Index).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, positions);
        // The standard sections are still there, the plugged one last.
        Assert.Equal(["labels", "statistics", "profile", "keysEndingIn7"], dataset.EnumerateObject().Select(p => p.Name).SkipWhile(n => n != "labels").ToList());
    }
}
