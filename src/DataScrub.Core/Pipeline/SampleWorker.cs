using DataScrub.Analysis;
using DataScrub.Analysis.Duplicates;
using DataScrub.Analysis.Statistics;
using DataScrub.Checks;
using DataScrub.Findings;
using DataScrub.Records;
using DataScrub.Samples;

namespace DataScrub.Pipeline;

/// <summary>Decodes and checks batches on one thread. Owns its scratch state; shares only the
/// (immutable) decoders the samples carry and the checks.</summary>
internal sealed class SampleWorker
{
    private readonly IReadOnlyList<ICheck> _checks;
    private readonly bool _fingerprints;
    private readonly bool _meanImage;
    private MeanImageAccumulator? _batchMean;
    private readonly SampleContent _content = new();
    private readonly SampleObservations _observations = new();
    private RunningMoments[] _batchMoments = [];
    private int _batchChannels;
    private List<Finding> _findings = [];

    private readonly Analysis.Labels.HighLabelSamples? _highLabels;

    public SampleWorker(IReadOnlyList<ICheck> checks, bool fingerprints, bool meanImage = false,
        Analysis.Labels.HighLabelSamples? highLabels = null)
    {
        _highLabels = highLabels;
        _meanImage = meanImage;
        _checks = checks;
        _fingerprints = fingerprints;
    }

    public BatchResult Process(SampleBatch batch)
    {
        _findings = [];
        _batchChannels = 0;
        _batchMean = _meanImage ? new MeanImageAccumulator() : null;
        var summaries = new SampleSummary[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            summaries[i] = Inspect(batch.Samples[i]);
            // The worker is the last user of the record bytes: findings and summaries hold copies.
            batch.Samples[i].Lease?.Release();
        }
        return new BatchResult(batch.Sequence, _findings, summaries,
            batch.Count > 0 ? batch.Samples[0].Index : 0, batch.Bytes, _batchMoments.AsSpan(0, _batchChannels).ToArray(), _batchMean);
    }

    private SampleSummary Inspect(in Sample sample)
    {
        _content.Reset(sample);
        _observations.Begin(sample.Index, sample.Key, _findings);
        var record = sample.Record.Span;
        var decoder = sample.Decoder;
        var error = decoder.Decode(record, _content);
        if (error is not null)
        {
            _observations.Report(FindingKinds.UnreadableRecord, null, null, null, $"not a {decoder.Name}: {error}");
            return new SampleSummary(null, Readable: false);
        }
        foreach (var check in _checks)
            check.Inspect(_content, record, _observations);
        AddChannelMoments();
        if (_batchMean is not null) AddToMean(record);
        // The id goes with the fingerprint (a duplicate names its first copy) and with a high label while K is not
        // known (a label found far above the rest once every label was seen is named then).
        var id = _fingerprints || (_content.Label is { } label && _highLabels?.Wants(label) == true) ? _observations.SampleId : null;
        return new SampleSummary(_content.Label, Readable: true, _observations.ImageChannels, _observations.MaskEmpty,
            _fingerprints ? ContentFingerprint.Of(_content, record) : null, id);
    }

    /// <summary>The first input field, when the record declares its C x H x W (a Datum).</summary>
    private void AddToMean(ReadOnlySpan<byte> record)
    {
        if (_content.DeclaredShape is not { } shape || _content.IsEncodedImage) return;
        for (var i = 0; i < _content.FieldCount; i++)
        {
            var field = _content.GetField(i, record);
            if (field.IsLabel || !field.MustMatchDeclaredShape) continue;
            _batchMean!.Add(field, shape);
            return;
        }
    }

    /// <summary>Merges the sample's channel moments into the batch's, in sample order; a sample with another
    /// channel count than the batch's first is left out (its shape is reported by the shape checks).</summary>
    private void AddChannelMoments()
    {
        var channels = _observations.ChannelMomentCount;
        if (channels == 0) return;
        var sample = _observations.ChannelMoments;
        if (_batchChannels == 0)
        {
            if (_batchMoments.Length < channels) _batchMoments = new RunningMoments[channels];
            sample.CopyTo(_batchMoments);
            _batchChannels = channels;
            return;
        }
        if (channels != _batchChannels) return;
        for (var c = 0; c < channels; c++) _batchMoments[c] = _batchMoments[c].Merge(sample[c]);
    }
}
