using System.Globalization;
using DataScrub.Findings;

namespace DataScrub.Checks.Masks;

/// <summary>
/// Judges the values of a segmentation target against the classes, as Caffe's SoftmaxWithLoss takes them: every
/// value is a class index (<c>static_cast&lt;int&gt;</c>), read unchecked, so a value below 0 or at or above K reads
/// another pixel's memory. Values equal to the ignore label are skipped, as the loss skips them. Shared by the checks
/// of label arrays (<see cref="MaskLabelCheck"/>) and of mask images (in DataScrub.Images).
/// </summary>
/// <param name="numClasses">K when given; null = only negative values are out of range, and fractional float values
/// make the target a regression target (nothing to judge).</param>
public sealed class MaskValueRule(long? numClasses, long? ignoreLabel)
{
    /// <summary>Reports <c>label-out-of-range</c> and <c>label-not-integer</c> for what <paramref name="values"/> found.</summary>
    public void Report(SampleObservations findings, string field, long elements, Verdict values)
    {
        if (values.OutOfRange > 0)
            findings.Report(FindingKinds.LabelOutOfRange, field, values.OutOfRange, values.FirstOutOfRange, string.Create(CultureInfo.InvariantCulture,
                $"{values.OutOfRange} of {elements} mask values are not class indices in [0, {(numClasses is { } k ? k.ToString(CultureInfo.InvariantCulture) : "K")}){(ignoreLabel is { } v ? $" or the ignore label {v}" : "")}: first {values.FirstValue} at {values.FirstOutOfRange}{Hint(values.FirstValue)}"));
        if (values.NotInteger > 0)
            findings.Report(FindingKinds.LabelNotInteger, field, values.NotInteger, values.FirstNotInteger, string.Create(CultureInfo.InvariantCulture,
                $"{values.NotInteger} of {elements} mask values are not integers: first {values.FirstFraction} at {values.FirstNotInteger} (the loss truncates it to a class index)"));
    }

    private string Hint(double value) =>
        ignoreLabel is null && value is -1 or 255 ? string.Create(CultureInfo.InvariantCulture, $" (if the loss ignores it, give --ignore-label {value})") : "";

    private bool OutOfRange(long value) => value != ignoreLabel && (value < 0 || value >= numClasses);

    public Verdict Judge<T>(ReadOnlySpan<T> values) where T : System.Numerics.IBinaryInteger<T>
    {
        var verdict = new Verdict();
        // Fast path: one vectorised min/max decides most masks without a per-value test.
        if (values.Length == 0 || (long.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.Min(values)) >= 0
            && (numClasses is not { } k || long.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.Max(values)) < k)))
            return verdict;
        for (var i = 0; i < values.Length; i++)
            if (OutOfRange(long.CreateTruncating(values[i]))) verdict.AddOutOfRange(i, long.CreateTruncating(values[i]));
        return verdict;
    }

    public Verdict JudgeFloats<T>(ReadOnlySpan<T> values) where T : System.Numerics.IFloatingPoint<T>
    {
        var verdict = new Verdict();
        for (var i = 0; i < values.Length; i++)
        {
            var v = double.CreateChecked(values[i]);
            if (!double.IsFinite(v)) continue;
            if (Math.Floor(v) != v)
            {
                // Fractional values without a given K: a regression target, not class indices.
                if (numClasses is null) return new Verdict();
                verdict.AddNotInteger(i, v);
            }
            else if (Math.Abs(v) < 1L << 53 && OutOfRange((long)v))
            {
                verdict.AddOutOfRange(i, v);
            }
        }
        return verdict;
    }

    /// <summary>How many values were out of range or fractional, and the first of each.</summary>
    public struct Verdict
    {
        public long OutOfRange;
        public long FirstOutOfRange;
        public double FirstValue;
        public long NotInteger;
        public long FirstNotInteger;
        public double FirstFraction;

        public void AddOutOfRange(long index, double value)
        {
            if (OutOfRange++ == 0) { FirstOutOfRange = index; FirstValue = value; }
        }

        public void AddNotInteger(long index, double value)
        {
            if (NotInteger++ == 0) { FirstNotInteger = index; FirstFraction = value; }
        }
    }
}
