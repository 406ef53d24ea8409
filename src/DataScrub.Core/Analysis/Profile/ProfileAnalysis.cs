using DataScrub.Analysis.Labels;
using DataScrub.Findings;
using DataScrub.Samples;

namespace DataScrub.Analysis.Profile;

/// <summary>
/// The <c>profile</c> section (<see cref="ProfileSection"/>): where in the dataset the problems are. NaN/Inf per
/// channel of the input data and per class; samples with an error and with only warnings per stretch of storage
/// order and per source file; and the distinct classes of storage-order batches, which the label analysis counts
/// (its storage-order windows) and this section reports. No findings of its own.
/// </summary>
/// <remarks>
/// The range and file counts follow the report's severities (<c>--severity</c> applied; a kind switched off is not
/// counted) over the findings the checks make per sample; <c>duplicate</c> (decided later, on the aggregator's thread)
/// and dataset-level findings are not in them. The NaN/Inf counts are facts about the data and ignore <c>--severity</c>.
/// </remarks>
/// <param name="severities">The user's severity overrides, as the report applies them.</param>
/// <param name="files">How the dataset's sample ids name their files (none: one store, no per-file counts).</param>
/// <param name="shard">The scan is one shard: ranges go to a log for the merge (<see cref="AnalysisOptions.Shard"/>).</param>
public sealed class ProfileAnalysis(SeverityPolicy severities, SampleFileNaming files, bool shard = false) : DatasetAnalysis<ProfileState>
{
    // The range width of the dataset so far, read by the workers so that a batch's state starts at it and makes a few
    // ids per batch, not one per sample. It only rises and never passes the final width, which therefore does not
    // depend on when a worker read it (PowerOfTwoBuckets).
    private long _rangeWidthHint = 1;

    public override ProfileState Create() => new(severities, files, Volatile.Read(ref _rangeWidthHint), shard);

    public override void WriteShard(ProfileState state, Sharding.ShardStateWriter writer)
    {
        writer.Write(state.NonFiniteSamples);
        state.Channels.Write(writer);
        state.Classes.Write(writer);
        writer.Write(state.Files is not null);
        state.Files?.Write(writer);
        writer.Write(state.RangeLog is not null);
        state.RangeLog?.WriteTo(writer);
    }

    public override IEnumerable<ProfileState> ReadShard(Sharding.ShardStateReader reader, long offset)
    {
        var state = new ProfileState(severities, files, 1) { NonFiniteSamples = reader.ReadInt64() };
        state.Channels.Read(reader);
        state.Classes.Read(reader);
        if (reader.ReadBoolean())
        {
            if (state.Files is null) throw reader.Damaged("a tally per file for a dataset of one store");
            state.Files.Read(reader, offset);
        }
        yield return state;
        if (!reader.ReadBoolean()) yield break;
        foreach (var (first, records) in Sharding.ShardLog.ReadChunks(reader))
        {
            var ranges = new ProfileState(severities, files, Volatile.Read(ref _rangeWidthHint));
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                if (record.Length == 0 || record[0] > (byte)SampleOutcome.Error) throw reader.Damaged("a range record without an outcome");
                ranges.Ranges.Observe(offset + first + i, record.AsSpan(1), (SampleOutcome)record[0]);
            }
            yield return ranges;
        }
    }

    public override void Drain(ProfileState prefix, ICollection<Finding> findings)
    {
        if (prefix.Ranges.Width > _rangeWidthHint) Volatile.Write(ref _rangeWidthHint, prefix.Ranges.Width);
    }

    public override void Complete(ProfileState whole, AnalysisResults results)
    {
        // The label analysis ran first (StandardAnalyses' order): its histogram has every class's samples, its
        // storage-order windows the batches' classes, and it knows K.
        var labels = results.Sections.OfType<LabelsSection>().FirstOrDefault();
        var balance = labels?.Balance;
        IReadOnlyList<BatchCoverage> coverage = balance is null ? [] :
            [.. balance.Batches.Select(b => new BatchCoverage(b.BatchSize, balance.NumClasses, b.StorageOrderCoverage))];
        var histogram = labels?.Counts.ToDictionary() ?? [];
        long SamplesOf(long label) => label == labels?.IgnoreLabel ? labels.Ignored : histogram.GetValueOrDefault(label);
        results.Add(new ProfileSection(whole.Channels.Listed(), whole.Classes.Listed(SamplesOf), whole.Ranges.Ranges(),
            whole.Files?.Listed() ?? [], coverage)
        {
            NonFiniteSamples = whole.NonFiniteSamples,
            NonFiniteChannels = whole.Channels.Affected,
            NonFiniteClasses = whole.Classes.Affected,
            RangeWidth = whole.Ranges.Width,
            Files = whole.Files is null ? 0 : whole.Files.Files,
        });
    }
}
