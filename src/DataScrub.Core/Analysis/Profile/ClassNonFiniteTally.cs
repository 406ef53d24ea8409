using System.Runtime.InteropServices;

namespace DataScrub.Analysis.Profile;

/// <summary>
/// Per class label: samples, and samples whose data held NaN or Inf. One entry per distinct label (as the label
/// histogram keeps), so memory follows K, not N; the report lists the classes with the most such samples.
/// </summary>
public sealed class ClassNonFiniteTally
{
    /// <summary>The most classes listed: those with the most samples with NaN/Inf.</summary>
    public const int MaxListed = 256;

    private readonly Dictionary<long, Counts> _classes = new();

    public void Observe(long label, bool nonFinite)
    {
        ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(_classes, label, out _);
        counts.Samples++;
        if (nonFinite) counts.NonFinite++;
    }

    public void Merge(ClassNonFiniteTally later)
    {
        foreach (var (label, other) in later._classes)
        {
            ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(_classes, label, out _);
            counts.Samples += other.Samples;
            counts.NonFinite += other.NonFinite;
        }
    }

    /// <summary>Classes with at least one sample with NaN/Inf.</summary>
    public long Affected => _classes.Values.Count(c => c.NonFinite > 0);

    /// <summary>The <see cref="MaxListed"/> classes with the most samples with NaN/Inf (ties: the lower label), by label.</summary>
    public IReadOnlyList<ClassNonFinite> Listed() =>
    [
        .. _classes.Where(c => c.Value.NonFinite > 0)
            .OrderByDescending(c => c.Value.NonFinite).ThenBy(c => c.Key).Take(MaxListed).OrderBy(c => c.Key)
            .Select(c => new ClassNonFinite(c.Key, c.Value.Samples, c.Value.NonFinite)),
    ];

    private struct Counts
    {
        public long Samples;
        public long NonFinite;
    }
}
