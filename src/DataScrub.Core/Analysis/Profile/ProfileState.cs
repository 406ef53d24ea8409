using DataScrub.Findings;
using DataScrub.Samples;

namespace DataScrub.Analysis.Profile;

/// <summary>
/// What the profile keeps of a run of samples: NaN/Inf per channel and per class, findings per storage range and
/// per file. Bounded: the channels of the data, one entry per class with NaN/Inf and per file (up to a cap), at most
/// <see cref="StorageRangeTally.MaxRanges"/> ranges; nothing per sample.
/// </summary>
public sealed class ProfileState : IAnalysisState, IDisposable
{
    private readonly SeverityPolicy _severities;

    internal ProfileState(SeverityPolicy severities, SampleFileNaming files, long rangeWidth, bool shard = false)
    {
        if (shard) RangeLog = new Sharding.ShardLog();
        _severities = severities;
        Ranges = new StorageRangeTally(rangeWidth);
        Files = files == SampleFileNaming.None ? null : new FileFindingsTally(files);
    }

    /// <summary>Samples whose data held NaN or Inf (a <c>nan</c> or <c>inf</c> finding), labelled or not.</summary>
    public long NonFiniteSamples { get; internal set; }

    /// <summary>In a shard: each sample's outcome and key, for the merge to place in ranges once it knows where the
    /// shard starts.</summary>
    internal Sharding.ShardLog? RangeLog { get; }

    public ChannelNonFiniteTally Channels { get; } = new();

    public ClassNonFiniteTally Classes { get; } = new();

    public StorageRangeTally Ranges { get; }

    /// <summary>Null for a dataset whose samples come from one store.</summary>
    public FileFindingsTally? Files { get; }

    public void Observe(in AnalysedSample sample)
    {
        var observations = sample.Observations;
        var outcome = SampleOutcome.Clean;
        var nonFinite = false;
        if (observations.FindingCount > 0)
        {
            foreach (var finding in observations.Findings)
            {
                // NaN and Inf are facts about the data, whatever --severity says of them; the outcome is the report's.
                nonFinite |= finding.Kind == FindingKinds.Nan || finding.Kind == FindingKinds.Inf;
                var severity = _severities.IsDefault ? finding.Severity : _severities.SeverityOf(finding);
                if (severity == Severity.Error) outcome = SampleOutcome.Error;
                else if (severity == Severity.Warning && outcome == SampleOutcome.Clean) outcome = SampleOutcome.Warning;
            }
            Channels.Observe(observations.NonFiniteChannels);
        }
        if (nonFinite)
        {
            NonFiniteSamples++;
            if (sample.Label is { } label) Classes.Observe(label);
        }
        if (RangeLog is not null) LogRange(sample.Key, outcome);
        else Ranges.Observe(sample, outcome);
        Files?.Observe(sample.Index, sample.Key, outcome);
    }

    /// <summary>Releases a shard's log (its temporary file).</summary>
    public void Dispose() => RangeLog?.Dispose();

    private void LogRange(ReadOnlySpan<byte> key, SampleOutcome outcome)
    {
        Span<byte> small = stackalloc byte[128];
        var record = key.Length < small.Length ? small[..(key.Length + 1)] : new byte[key.Length + 1];
        record[0] = (byte)outcome;
        key.CopyTo(record[1..]);
        RangeLog!.Append(record);
    }

    public void Merge(IAnalysisState later)
    {
        var other = (ProfileState)later;
        NonFiniteSamples += other.NonFiniteSamples;
        Channels.Merge(other.Channels);
        Classes.Merge(other.Classes);
        if (other.RangeLog is not null) RangeLog!.AppendFrom(other.RangeLog);
        // A state of counts only (a shard's, at the merge) has no ranges: merging it would seal the last range early.
        if (!other.Ranges.IsEmpty) Ranges.Merge(other.Ranges);
        if (other.Files is not null) Files!.Merge(other.Files);
    }
}
