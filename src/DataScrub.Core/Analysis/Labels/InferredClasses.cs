using System.Globalization;

namespace DataScrub.Analysis.Labels;

/// <summary>
/// K when nobody said it: the largest label + 1, unless a few samples carry labels far above a dense set (a
/// sentinel such as 255 or 999, or a labelling slip). Then K is the dense set's largest label + 1 and the labels
/// above it are "far": the split is at the lowest label whose following gap of unused labels is at least as wide
/// as everything up to it (and at least 10), with at most 1% of the samples above it (or, in a tiny dataset, at
/// most 3 and 10%).
/// </summary>
/// <param name="FarFloor">The largest label of the dense set when far labels exist, else null.</param>
/// <param name="Gap">Unused labels between the dense set and the first far label.</param>
public sealed record InferredClasses(long NumClasses, long? FarFloor, long Gap, string? Warning)
{
    /// <summary>The fewest unused labels between the dense set and a far label.</summary>
    public const long MinimumGap = 10;

    /// <summary>No label below this can be far: the dense set holds at least label 0, then at least
    /// <see cref="MinimumGap"/> unused labels.</summary>
    public const long LowestFarLabel = MinimumGap + 1;

    public static InferredClasses From(SortedDictionary<long, long> counts, long labelled)
    {
        var labels = counts.Keys.ToArray();
        var below = 0L;
        for (var i = 0; i + 1 < labels.Length; i++)
        {
            below += counts[labels[i]];
            var gap = labels[i + 1] - labels[i] - 1;
            var above = labelled - below;
            if (gap < Math.Max(MinimumGap, labels[i] + 1) || !Few(above, labelled)) continue;
            var far = labels[(i + 1)..];
            var shown = string.Join(", ", far.Take(5)) + (far.Length > 5 ? ", ..." : "");
            return new InferredClasses(labels[i] + 1, labels[i], gap, string.Create(CultureInfo.InvariantCulture,
                $"K = {labels[i] + 1} was inferred from labels up to {labels[i]}: {above} samples carry labels far above them ({shown}) after a gap of {gap} unused labels; they are reported as label-out-of-range, not counted as classes; give --num-classes if they are classes"));
        }
        return new InferredClasses(labels.Length == 0 ? 0 : labels[^1] + 1, null, 0, null);
    }

    private static bool Few(long above, long labelled) => above * 100 <= labelled || (above <= 3 && above * 10 <= labelled);
}
