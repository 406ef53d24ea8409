namespace DataScrub.Analysis.Profile;

/// <summary>
/// Per class label, the samples whose data held NaN or Inf: an entry only for a class that had one (made at the first),
/// so a clean run holds nothing and memory follows the classes affected, not K or N. The classes' sizes come from the
/// label histogram, which counts every sample already.
/// </summary>
public sealed class ClassNonFiniteTally
{
    /// <summary>The most classes listed: those with the most samples with NaN/Inf.</summary>
    public const int MaxListed = 256;

    private Dictionary<long, long>? _classes;

    /// <summary>A sample of class <paramref name="label"/> held NaN or Inf.</summary>
    public void Observe(long label)
    {
        _classes ??= new Dictionary<long, long>();
        _classes[label] = _classes.GetValueOrDefault(label) + 1;
    }

    public void Merge(ClassNonFiniteTally later)
    {
        if (later._classes is null) return;
        _classes ??= new Dictionary<long, long>();
        foreach (var (label, count) in later._classes) _classes[label] = _classes.GetValueOrDefault(label) + count;
    }

    internal void Write(Sharding.ShardStateWriter writer)
    {
        writer.Write(_classes?.Count ?? 0);
        foreach (var (label, count) in _classes?.OrderBy(c => c.Key) ?? Enumerable.Empty<KeyValuePair<long, long>>())
        {
            writer.Write(label);
            writer.Write(count);
        }
    }

    /// <summary>Adds what <see cref="Write"/> wrote.</summary>
    internal void Read(Sharding.ShardStateReader reader)
    {
        var classes = reader.ReadCount(16);
        for (var i = 0; i < classes; i++)
        {
            _classes ??= new Dictionary<long, long>();
            var label = reader.ReadInt64();
            _classes[label] = _classes.GetValueOrDefault(label) + reader.ReadInt64();
        }
    }

    /// <summary>Classes with at least one sample with NaN/Inf.</summary>
    public long Affected => _classes?.Count ?? 0;

    /// <summary>The <see cref="MaxListed"/> classes with the most samples with NaN/Inf (ties: the lower label), by label.</summary>
    /// <param name="samplesOf">A class's samples (the label histogram's count).</param>
    public IReadOnlyList<ClassNonFinite> Listed(Func<long, long> samplesOf) => _classes is null ? [] :
    [
        .. _classes.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(MaxListed).OrderBy(c => c.Key)
            .Select(c => new ClassNonFinite(c.Key, samplesOf(c.Key), c.Value)),
    ];
}
