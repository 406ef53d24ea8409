using DataScrub.Analysis.Batches;
using DataScrub.Checks.Labels;

namespace DataScrub.Analysis.Labels;

/// <summary>
/// What the label analysis keeps of a run of samples: samples per label (the ignore label and unlabelled samples
/// counted apart), the storage-order windows, and, while K is not known, the samples of the highest labels.
/// Memory: one entry per distinct label, the open windows, and at most <see cref="HighLabelSamples.Budget"/> ids.
/// </summary>
public sealed class LabelState : IAnalysisState, IDisposable
{
    private readonly LabelAnalysis _analysis;
    private StorageOrderBatches? _storageOrder;

    internal LabelState(LabelAnalysis analysis, HighLabelSamples? high = null)
    {
        _analysis = analysis;
        High = analysis.KnowsClasses ? null : high ?? new HighLabelSamples();
        if (analysis.Options.Shard && analysis.BalanceEnabled) WindowLog = new Sharding.ShardLog();
    }

    /// <summary>In a shard: each sample's slot in the storage-order batches (its class, or none), for the merge to
    /// cut into batches once it knows where the shard starts.</summary>
    internal Sharding.ShardLog? WindowLog { get; }

    /// <summary>Releases a shard's log (its temporary file).</summary>
    public void Dispose() => WindowLog?.Dispose();

    internal void Restore(long unlabelled, long ignored)
    {
        Unlabelled = unlabelled;
        Ignored = ignored;
    }

    /// <summary>A state of storage-order slots only, from <paramref name="start"/> (a shard's log, replayed by the merge).</summary>
    internal void ObserveSlots(long start, IEnumerable<long?> labels)
    {
        _storageOrder = new StorageOrderBatches(_analysis.BatchSizes, start);
        foreach (var label in labels) _storageOrder.Observe(label);
    }

    /// <summary>Samples per label, other than the ignore label; a hash map while scanning, sorted when reported.</summary>
    public Dictionary<long, long> Counts { get; } = new();

    /// <summary>Samples without a label (including unreadable records).</summary>
    public long Unlabelled { get; private set; }

    /// <summary>Samples labelled with the ignore label.</summary>
    public long Ignored { get; private set; }

    /// <summary>Null until the first sample (it starts at that sample's position), and without the class analyses.</summary>
    public StorageOrderBatches? StorageOrder => _storageOrder;

    public HighLabelSamples? High { get; }

    public void Observe(in AnalysedSample sample)
    {
        var options = _analysis.Options;
        if (sample.Label is not { } label) Unlabelled++;
        else if (label == options.IgnoreLabel) Ignored++;
        else Counts[label] = Counts.TryGetValue(label, out var n) ? n + 1 : 1;
        if (!_analysis.BalanceEnabled) return;

        long? slot = sample.Label is { } value && LabelCheck.InRange(value, _analysis.KnownClasses, options.IgnoreLabel) ? value : null;
        if (WindowLog is not null) WindowLog.Append(Slot(slot, stackalloc byte[9]));
        else (_storageOrder ??= new StorageOrderBatches(_analysis.BatchSizes, sample.Index)).Observe(slot);
        if (slot is { } inRange)
        {
            // The id (a string) only for a label that may prove far above the rest.
            if (High is not null && HighLabelSamples.MayKeep(inRange, _analysis.FloorHint)) High.Observe(inRange, sample.Index, sample.Id);
        }
        // An unlabelled or ignored sample still takes a slot in a storage-order batch (null).
    }

    /// <summary>A slot as a log record: 0 for none, else 1 and the class.</summary>
    private static ReadOnlySpan<byte> Slot(long? label, Span<byte> record)
    {
        if (label is not { } value)
        {
            record[0] = 0;
            return record[..1];
        }
        record[0] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(record[1..], value);
        return record;
    }

    /// <summary>The slot a log record holds.</summary>
    internal static long? SlotOf(byte[] record) =>
        record is [1, ..] && record.Length == 9 ? System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(1))
        : record is [0] ? null : throw new FormatException($"a storage-order slot record of {record.Length} bytes");

    public void Merge(IAnalysisState later)
    {
        var other = (LabelState)later;
        foreach (var (label, count) in other.Counts)
            Counts[label] = Counts.TryGetValue(label, out var n) ? n + count : count;
        Unlabelled += other.Unlabelled;
        Ignored += other.Ignored;
        if (other.WindowLog is not null) WindowLog!.AppendFrom(other.WindowLog);
        if (other._storageOrder is { } windows)
        {
            if (_storageOrder is null) _storageOrder = windows;
            else _storageOrder.Merge(windows);
        }
        if (other.High is { } high) High!.Merge(high);
    }
}
