using DataScrub.Checks;
using DataScrub.Records;

namespace DataScrub.Analysis;

/// <summary>
/// One sample as the analyses see it, after its checks: the decoded content (when it could be decoded) and what the
/// checks observed. Valid only during <see cref="IAnalysisState.Observe"/>: the content and record are the worker's.
/// </summary>
public readonly ref struct AnalysedSample
{
    private readonly SampleContent? _content;

    public AnalysedSample(long index, SampleContent? content, ReadOnlySpan<byte> record, SampleObservations observations)
    {
        Index = index;
        _content = content;
        Record = record;
        Observations = observations;
    }

    /// <summary>0-based position in storage order.</summary>
    public long Index { get; }

    /// <summary>False when the record could not be decoded (an <c>unreadable-record</c>): no content, no label.</summary>
    public bool Readable => _content is not null;

    public SampleContent Content => _content ?? throw new InvalidOperationException($"sample {Index} could not be decoded");

    public ReadOnlySpan<byte> Record { get; }

    public SampleObservations Observations { get; }

    /// <summary>The class label, when the sample has one and could be decoded.</summary>
    public long? Label => _content?.Label;

    /// <summary>The sample's key bytes, without making its id (valid only during <see cref="IAnalysisState.Observe"/>).</summary>
    public ReadOnlySpan<byte> Key => Observations.Key;

    /// <summary>The sample's id as reports show it (made on first use).</summary>
    public string Id => Observations.SampleId;
}
