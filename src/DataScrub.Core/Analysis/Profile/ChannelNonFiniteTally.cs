using DataScrub.Checks.NonFinite;

namespace DataScrub.Analysis.Profile;

/// <summary>
/// Per channel of the input data: samples with NaN or Inf in it, and the NaN and Inf values. Three counts per channel
/// up to the highest channel that had any, made at the first such sample: a run of clean samples holds nothing.
/// </summary>
public sealed class ChannelNonFiniteTally
{
    /// <summary>The most channels listed: those with the most samples with NaN/Inf.</summary>
    public const int MaxListed = 256;

    private long[] _samples = [];
    private long[] _nan = [];
    private long[] _inf = [];

    public void Observe(ReadOnlySpan<ChannelNonFiniteCount> channels)
    {
        if (channels.IsEmpty) return;
        // Ascending: the last is the highest.
        Grow(channels[^1].Channel + 1);
        foreach (var c in channels)
        {
            _samples[c.Channel]++;
            _nan[c.Channel] += c.NanValues;
            _inf[c.Channel] += c.InfValues;
        }
    }

    public void Merge(ChannelNonFiniteTally later)
    {
        Grow(later._samples.Length);
        for (var c = 0; c < later._samples.Length; c++)
        {
            _samples[c] += later._samples[c];
            _nan[c] += later._nan[c];
            _inf[c] += later._inf[c];
        }
    }

    internal void Write(Sharding.ShardStateWriter writer)
    {
        writer.Write(_samples.Length);
        for (var c = 0; c < _samples.Length; c++)
        {
            writer.Write(_samples[c]);
            writer.Write(_nan[c]);
            writer.Write(_inf[c]);
        }
    }

    /// <summary>Adds what <see cref="Write"/> wrote.</summary>
    internal void Read(Sharding.ShardStateReader reader)
    {
        var channels = reader.ReadCount(24);
        Grow(channels);
        for (var c = 0; c < channels; c++)
        {
            _samples[c] += reader.ReadInt64();
            _nan[c] += reader.ReadInt64();
            _inf[c] += reader.ReadInt64();
        }
    }

    /// <summary>Channels that had NaN or Inf in some sample.</summary>
    public int Affected => _samples.Count(s => s > 0);

    /// <summary>The <see cref="MaxListed"/> channels with the most samples with NaN/Inf (ties: the lower channel), by channel.</summary>
    public IReadOnlyList<ChannelNonFinite> Listed() =>
    [
        .. Enumerable.Range(0, _samples.Length).Where(c => _samples[c] > 0)
            .OrderByDescending(c => _samples[c]).ThenBy(c => c).Take(MaxListed).Order()
            .Select(c => new ChannelNonFinite(c, _samples[c], _nan[c], _inf[c])),
    ];

    private void Grow(int channels)
    {
        if (channels <= _samples.Length) return;
        Array.Resize(ref _samples, channels);
        Array.Resize(ref _nan, channels);
        Array.Resize(ref _inf, channels);
    }
}
