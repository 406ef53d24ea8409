using DataScrub.Analysis;
using DataScrub.Checks;
using DataScrub.Findings;
using DataScrub.Records;
using DataScrub.Samples;

namespace DataScrub.Pipeline;

/// <summary>Decodes, checks and analyses batches on one thread. Owns its scratch state and each batch's analysis
/// states; shares only the (immutable) decoders the samples carry, the checks and the analyses.</summary>
internal sealed class SampleWorker(IReadOnlyList<ICheck> checks, IReadOnlyList<IDatasetAnalysis> analyses)
{
    private readonly SampleContent _content = new();
    private readonly SampleObservations _observations = new();

    public BatchResult Process(SampleBatch batch)
    {
        var findings = new List<Finding>();
        var states = new IAnalysisState[analyses.Count];
        for (var a = 0; a < states.Length; a++) states[a] = analyses[a].CreateState();
        for (var i = 0; i < batch.Count; i++)
        {
            Inspect(batch.Samples[i], findings, states);
            // The worker is the last user of the record bytes: findings and analysis states hold copies.
            batch.Samples[i].Lease?.Release();
        }
        return new BatchResult(batch.Sequence, findings, states, batch.Count, batch.Bytes, batch.Unit);
    }

    private void Inspect(in Sample sample, List<Finding> findings, IAnalysisState[] states)
    {
        _content.Reset(sample);
        _observations.Begin(sample.Index, sample.Key, findings);
        var record = sample.Record.Span;
        var decoder = sample.Decoder;
        var error = decoder.Decode(record, _content);
        if (error is not null)
            _observations.Report(FindingKinds.UnreadableRecord, null, null, null, $"not a {decoder.Name}: {error}");
        else
            foreach (var check in checks)
                check.Inspect(_content, record, _observations);
        var analysed = new AnalysedSample(sample.Index, error is null ? _content : null, record, _observations);
        foreach (var state in states)
            state.Observe(analysed);
    }
}
