using DataScrub.Findings;

namespace DataScrub.Analysis.Duplicates;

/// <summary>
/// <c>duplicate</c>: a sample with the same fingerprint as an earlier one (storage order decides which is
/// first). Memory: one entry per distinct sample (16-byte fingerprint and the first occurrence's id, packed in a character arena),
/// the one per-sample cost of a scan; <c>--no-duplicates</c> turns it off.
/// </summary>
public sealed class DuplicateIndex
{
    private readonly Dictionary<UInt128, SampleIdArena.Handle> _first;
    private readonly SampleIdArena _ids = new();

    /// <param name="expectedSamples">What the store says it holds, to size the index once (capped).</param>
    public DuplicateIndex(long? expectedSamples = null) =>
        _first = new Dictionary<UInt128, SampleIdArena.Handle>((int)Math.Clamp(expectedSamples ?? 0, 0, 1 << 24));

    public long Duplicates { get; private set; }

    /// <summary>The finding when <paramref name="summary"/> repeats an earlier sample, else null.</summary>
    public Finding? Observe(long sampleIndex, in SampleSummary summary)
    {
        if (summary.Fingerprint is not { } fingerprint || summary.Id is not { } id) return null;
        if (!_first.TryGetValue(fingerprint, out var handle))
        {
            _first.Add(fingerprint, _ids.Add(id));
            return null;
        }
        Duplicates++;
        var first = _ids.Get(handle);
        return new Finding(FindingKinds.Duplicate, sampleIndex, id, null, null, null, $"the same content and label as {first}") { Of = first };
    }
}
