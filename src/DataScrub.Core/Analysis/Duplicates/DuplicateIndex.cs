using DataScrub.Findings;

namespace DataScrub.Analysis.Duplicates;

/// <summary>
/// <c>duplicate</c>: a sample with the same fingerprint as an earlier one (storage order decides which is
/// first). Memory: one entry per distinct sample (16-byte fingerprint and the first occurrence's id),
/// the one per-sample cost of a scan; <c>--no-duplicates</c> turns it off.
/// </summary>
public sealed class DuplicateIndex
{
    private readonly Dictionary<UInt128, string> _first = new();

    public long Duplicates { get; private set; }

    /// <summary>The finding when <paramref name="summary"/> repeats an earlier sample, else null.</summary>
    public Finding? Observe(long sampleIndex, in SampleSummary summary)
    {
        if (summary.Fingerprint is not { } fingerprint || summary.Id is not { } id) return null;
        if (_first.TryAdd(fingerprint, id)) return null;
        Duplicates++;
        var first = _first[fingerprint];
        return new Finding(FindingKinds.Duplicate, sampleIndex, id, null, null, null, $"the same content and label as {first}") { Of = first };
    }
}
