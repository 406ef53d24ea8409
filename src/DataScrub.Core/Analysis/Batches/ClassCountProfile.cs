namespace DataScrub.Analysis.Batches;

/// <summary>
/// The class counts that matter for batch probabilities: positive counts sorted ascending (so results do not
/// depend on the caller's order), their total, and the distinct counts with multiplicities (P(class absent)
/// depends on the count only, so a balanced dataset costs one evaluation, not K).
/// </summary>
internal sealed class ClassCountProfile
{
    public ClassCountProfile(IReadOnlyList<long> classCounts)
    {
        ArgumentNullException.ThrowIfNull(classCounts);
        var positive = new List<long>(classCounts.Count);
        long total = 0;
        foreach (var count in classCounts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(classCounts));
            if (count == 0)
                continue;
            positive.Add(count);
            total = checked(total + count);
        }
        positive.Sort();
        SortedCounts = positive;
        Total = total;

        var distinct = new List<(long Count, long Multiplicity)>();
        foreach (var count in positive)
        {
            if (distinct.Count > 0 && distinct[^1].Count == count)
                distinct[^1] = (count, distinct[^1].Multiplicity + 1);
            else
                distinct.Add((count, 1));
        }
        DistinctCounts = distinct;
    }

    public IReadOnlyList<long> SortedCounts { get; }

    public int Classes => SortedCounts.Count;

    public long Total { get; }

    /// <summary>Distinct positive counts ascending, each with how many classes have it.</summary>
    public IReadOnlyList<(long Count, long Multiplicity)> DistinctCounts { get; }

    public long SmallestCount => SortedCounts[0];
}
