using DataScrub.Analysis;
using DataScrub.Checks;
using DataScrub.Findings;
using DataScrub.Records;
using DataScrub.Samples;

namespace DataScrub.Pipeline;

/// <summary>Decodes and checks batches on one thread. Owns its scratch state; shares only the
/// (stateless) decoder and checks.</summary>
internal sealed class SampleWorker : IFindingSink
{
    private readonly IRecordDecoder _decoder;
    private readonly IReadOnlyList<ICheck> _checks;
    private readonly SampleContent _content = new();
    private List<Finding> _findings = [];
    private Sample _current;

    public SampleWorker(IRecordDecoder decoder, IReadOnlyList<ICheck> checks)
    {
        _decoder = decoder;
        _checks = checks;
    }

    public BatchResult Process(SampleBatch batch)
    {
        _findings = [];
        var summaries = new SampleSummary[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            summaries[i] = Inspect(batch.Samples[i]);
            // The worker is the last user of the record bytes: findings and summaries hold copies.
            batch.Samples[i].Lease?.Release();
        }
        return new BatchResult(batch.Sequence, _findings, summaries,
            batch.Count > 0 ? batch.Samples[0].Index : 0, batch.Bytes);
    }

    private SampleSummary Inspect(in Sample sample)
    {
        _current = sample;
        _content.Reset();
        var record = sample.Record.Span;
        var decoder = sample.Decoder ?? _decoder;
        var error = decoder.Decode(record, _content);
        if (error is not null)
        {
            Report(FindingKinds.UnreadableRecord, null, null, null, $"not a {decoder.Name}: {error}");
            return new SampleSummary(null, Readable: false);
        }
        foreach (var check in _checks)
            check.Inspect(_content, record, this);
        return new SampleSummary(_content.Label, Readable: true, _content.ImageChannels);
    }

    public void Report(FindingKind kind, string? field, long? count, long? index, string message) =>
        _findings.Add(new Finding(kind, _current.Index, _current.DisplayId, field, count, index, message));
}
