using DataScrub.Analysis.Previews;
using DataScrub.Analysis.Statistics;
using DataScrub.Checks.NonFinite;
using DataScrub.Findings;
using DataScrub.Samples;

namespace DataScrub.Checks;

/// <summary>
/// What the checks found in one sample: its findings, and the typed observations the dataset analyses build on
/// (the image's colour channels, whether its mask is empty, per-channel moments of its data). The checks' only
/// output: they read the decoded sample and write here, never into the sample. One per worker, reset per sample.
/// </summary>
public sealed class SampleObservations
{
    private RunningMoments[] _moments = [];
    private double[] _values = [];
    private ChannelNonFiniteCount[] _nonFiniteChannels = [];
    private List<Finding> _findings = [];
    private long _index;
    private string? _id;
    private RecordBytes _key;

    /// <summary>Colour channels an image check measured (1 grayscale, 3/4 colour), when the sample is a usable image.</summary>
    public int? ImageChannels { get; set; }

    /// <summary>True when the sample's segmentation mask has no foreground pixel; null when it has no readable mask.</summary>
    public bool? MaskEmpty { get; set; }

    /// <summary>Per-channel moments of the sample's data; the first <see cref="ChannelMomentCount"/> entries are valid.</summary>
    public ReadOnlySpan<RunningMoments> ChannelMoments => _moments.AsSpan(0, ChannelMomentCount);

    public int ChannelMomentCount { get; private set; }

    /// <summary>Room for <paramref name="channels"/> moments; they become this sample's (0 withdraws them, and any values).</summary>
    public Span<RunningMoments> RentChannelMoments(int channels)
    {
        if (_moments.Length < channels) _moments = new RunningMoments[Math.Max(channels, 4)];
        ChannelMomentCount = channels;
        ChannelValueCount = 0;
        return _moments.AsSpan(0, channels);
    }

    /// <summary>
    /// The sample's data when each channel holds one value (a feature vector), instead of <see cref="ChannelMoments"/>:
    /// NaN where the value is not finite. 8 bytes a channel where a moment takes 40, folded a vector at a time.
    /// </summary>
    public ReadOnlySpan<double> ChannelValues => _values.AsSpan(0, ChannelValueCount);

    public int ChannelValueCount { get; private set; }

    /// <summary>True when the check found every one of <see cref="ChannelValues"/> finite (no NaN marker): the fold
    /// then need not look for one.</summary>
    public bool ChannelValuesComplete { get; set; }

    /// <summary>Room for <paramref name="channels"/> one-per-channel values; they become this sample's (withdrawing any moments).</summary>
    public Span<double> RentChannelValues(int channels)
    {
        if (_values.Length < channels) _values = new double[Math.Max(channels, 4)];
        ChannelValueCount = channels;
        ChannelValuesComplete = false;
        ChannelMomentCount = 0;
        return _values.AsSpan(0, channels);
    }

    /// <summary>The channels of the sample's input data that hold NaN or ±Inf, ascending (empty for most samples:
    /// the non-finite check writes them only when it found some).</summary>
    public ReadOnlySpan<ChannelNonFiniteCount> NonFiniteChannels => _nonFiniteChannels.AsSpan(0, NonFiniteChannelCount);

    public int NonFiniteChannelCount { get; private set; }

    /// <summary>Adds a channel to <see cref="NonFiniteChannels"/> (after the previous one).</summary>
    public void AddNonFiniteChannel(int channel, long nanValues, long infValues)
    {
        if (NonFiniteChannelCount == _nonFiniteChannels.Length)
            Array.Resize(ref _nonFiniteChannels, Math.Max(4, 2 * _nonFiniteChannels.Length));
        _nonFiniteChannels[NonFiniteChannelCount++] = new ChannelNonFiniteCount(channel, nanValues, infValues);
    }

    /// <summary>A thumbnail of what the decoder made of the sample's damaged image before it failed; null for most
    /// samples (the image check makes one only for the first damaged images of a scan).</summary>
    public DamagedImagePreview? DamagedImagePreview { get; set; }

    /// <summary>How many findings the checks reported for this sample so far.</summary>
    public int FindingCount { get; private set; }

    /// <summary>This sample's findings, in the order the checks reported them (before the user's severity policy,
    /// which the aggregator applies): what an analysis reads to relate defects to labels or positions.</summary>
    public ReadOnlySpan<Finding> Findings => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_findings)[^FindingCount..];

    /// <summary>Starts a sample; its findings go to <paramref name="findings"/> (the batch's list).</summary>
    public void Begin(long index, RecordBytes key, List<Finding> findings)
    {
        _index = index;
        _key = key;
        _id = null;
        _findings = findings;
        ImageChannels = null;
        MaskEmpty = null;
        ChannelMomentCount = 0;
        ChannelValueCount = 0;
        ChannelValuesComplete = false;
        NonFiniteChannelCount = 0;
        DamagedImagePreview = null;
        FindingCount = 0;
    }

    /// <summary>The sample's 0-based position in storage order.</summary>
    public long SampleIndex => _index;

    /// <summary>The sample's key bytes (what <see cref="SampleId"/> shows), valid while the sample is checked and analysed.</summary>
    public ReadOnlySpan<byte> Key => _key.Span;

    /// <summary>The sample's id as reports show it, made once per sample and only when needed.</summary>
    public string SampleId => _id ??= SampleKey.ToDisplay(_key.Span);

    public void Report(FindingKind kind, string? field, long? count, long? index, string message)
    {
        _findings.Add(new Finding(kind, _index, SampleId, field, count, index, message));
        FindingCount++;
    }
}
