namespace DataScrub.Checks.NonFinite;

/// <summary>Result of one pass of <see cref="NonFiniteScanner"/> over a float or double span.</summary>
/// <param name="NaNCount">Number of NaN elements (any sign, any payload).</param>
/// <param name="PositiveInfinityCount">Number of +Inf elements.</param>
/// <param name="NegativeInfinityCount">Number of −Inf elements.</param>
/// <param name="FirstNonFiniteIndex">Index of the first NaN or ±Inf; −1 when there is none.</param>
/// <param name="FirstNaNIndex">Index of the first NaN; −1 when there is none.</param>
/// <param name="FirstInfinityIndex">Index of the first ±Inf; −1 when there is none.</param>
/// <param name="MaxFiniteAbs">
/// Largest |x| over the finite elements, widened to double (exact for float input);
/// +0 when there are no finite elements (empty span or all non-finite). Never −0.
/// </param>
public readonly record struct NonFiniteStats(
    long NaNCount, long PositiveInfinityCount, long NegativeInfinityCount,
    long FirstNonFiniteIndex,
    long FirstNaNIndex,
    long FirstInfinityIndex,
    double MaxFiniteAbs)
{
    public long InfinityCount => PositiveInfinityCount + NegativeInfinityCount;

    public bool AllFinite => FirstNonFiniteIndex < 0;

    public static readonly NonFiniteStats Empty = new(0, 0, 0, -1, -1, -1, 0);
}
