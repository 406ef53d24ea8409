using DataScrub.Analysis.Batches;
using DataScrub.Checks.Labels;
using DataScrub.Findings;
using DataScrub.Reporting;

namespace DataScrub.Analysis.Labels;

/// <summary>
/// The <c>labels</c> section: samples per label and, with the class analyses on, K and the batch mathematics of
/// <see cref="ClassBalanceAnalysis"/> (<c>class-absent</c>, <c>class-rare</c>, <c>batch-class-miss</c>,
/// <c>unshuffled-order</c>, far labels as <c>label-out-of-range</c>).
/// </summary>
/// <param name="knownClasses">K before the scan: given, or the number of class folders; null = inferred at the end.</param>
/// <param name="balance">False: only the histogram (the baseline of the analysis-overhead benchmark).</param>
public sealed class LabelAnalysis(AnalysisOptions options, long? knownClasses, bool balance) : DatasetAnalysis<LabelState>
{
    // The highest floor of the far-label budget seen so far, read by the workers so that they make ids only for labels
    // that may be kept: it only rises, and a worker that reads an old one keeps an id that the merge drops (harmless).
    private long _floorHint = long.MinValue;

    internal AnalysisOptions Options => options;

    internal long? KnownClasses => knownClasses;

    internal bool KnowsClasses => knownClasses is not null || !balance;

    internal bool BalanceEnabled => balance;

    internal int[] BatchSizes { get; } = [.. options.BatchSizes.Distinct().Order()];

    internal long FloorHint => Volatile.Read(ref _floorHint);

    public override LabelState Create() => new(this);

    public override void Drain(LabelState prefix, ICollection<Finding> findings)
    {
        if (prefix.High is { } high && high.ForgottenUpTo > _floorHint) Volatile.Write(ref _floorHint, high.ForgottenUpTo);
    }

    public override void WriteShard(LabelState state, Sharding.ShardStateWriter writer)
    {
        writer.Write(state.Counts.Count);
        foreach (var (label, count) in state.Counts.OrderBy(c => c.Key))
        {
            writer.Write(label);
            writer.Write(count);
        }
        writer.Write(state.Unlabelled);
        writer.Write(state.Ignored);
        writer.Write(state.High is not null);
        state.High?.Write(writer);
        writer.Write(state.WindowLog is not null);
        state.WindowLog?.WriteTo(writer);
    }

    public override IEnumerable<LabelState> ReadShard(Sharding.ShardStateReader reader, long offset)
    {
        var counts = new Dictionary<long, long>();
        var labels = reader.ReadCount(16);
        for (var i = 0; i < labels; i++) counts[reader.ReadInt64()] = reader.ReadInt64();
        var unlabelled = reader.ReadInt64();
        var ignored = reader.ReadInt64();
        var high = reader.ReadBoolean() ? HighLabelSamples.Read(reader, offset) : null;
        var state = new LabelState(this, high);
        foreach (var (label, count) in counts) state.Counts[label] = count;
        state.Restore(unlabelled, ignored);
        yield return state;
        if (!reader.ReadBoolean()) yield break;
        foreach (var (first, records) in Sharding.ShardLog.ReadChunks(reader))
        {
            var slots = new LabelState(this);
            slots.ObserveSlots(offset + first, records.Select(LabelState.SlotOf));
            yield return slots;
        }
    }

    public override void Complete(LabelState whole, AnalysisResults results)
    {
        ClassBalanceReport? report = null;
        if (balance)
        {
            var observed = whole.Counts.Where(c => LabelCheck.InRange(c.Key, knownClasses, options.IgnoreLabel)).ToDictionary();
            var classes = new ClassBalanceAnalysis(options, knownClasses, given: options.NumClasses is not null, observed,
                whole.StorageOrder ?? new StorageOrderBatches(BatchSizes), whole.High ?? new HighLabelSamples());
            results.AddRange(classes.Complete());
            report = classes.Report;
        }
        results.Add(new LabelsSection([.. whole.Counts.OrderBy(c => c.Key)], whole.Unlabelled, options.IgnoreLabel, whole.Ignored,
            options.ClassNames ?? results.Dataset.ClassNames, report));
    }
}
