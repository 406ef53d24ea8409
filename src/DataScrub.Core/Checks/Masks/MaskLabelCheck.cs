using System.Globalization;
using DataScrub.Findings;
using DataScrub.Records;

namespace DataScrub.Checks.Masks;

/// <summary>
/// <c>label-out-of-range</c> and <c>label-not-integer</c> for the values of a segmentation target (a label field
/// with more than one value per sample, such as an HDF5 label dataset of N x H x W): Caffe's SoftmaxWithLoss takes
/// every value as a class index (<c>static_cast&lt;int&gt;</c>) and reads the probability at that index unchecked,
/// so a value below 0 or at or above K reads another pixel's memory. Values equal to the ignore label are skipped,
/// as the loss skips them.
/// </summary>
/// <remarks>
/// A float target with fractional values is a regression target (a density or distance map) unless K was given:
/// then nothing here applies to it. Without K (inferred after the scan), only negative values are out of range.
/// NaN and Inf are the non-finite check's.
/// </remarks>
public sealed class MaskLabelCheck(long? numClasses, long? ignoreLabel, long maxPixels = Images.ImageInspectionOptions.PilMaxPixels) : ICheck
{
    public string Id => "mask-label";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, SampleObservations findings)
    {
        if (content.HasEncodedMask)
        {
            // A mask image's values cannot be negative: without K there is nothing to judge. Only palette and
            // grayscale masks hold class values (an RGB mask's colours are not indices).
            if (numClasses is null || PngMaskValues.Read(content.EncodedMask, maxPixels, out _, out _) is not { } pixels) return;
            Report(findings, "mask", pixels.Length, Judge(pixels));
            return;
        }
        for (var i = 0; i < content.FieldCount; i++)
        {
            var field = content.GetField(i, record);
            if (!field.IsLabel || field.ElementCount <= 1) continue;
            var values = field.ElementType switch
            {
                TensorElementType.Int64 => Judge(field.AsInt64()),
                TensorElementType.UInt8 => Judge(field.Bytes),
                TensorElementType.Float32 => JudgeFloats(field.AsFloat32()),
                TensorElementType.Float64 => JudgeFloats(field.AsFloat64()),
                TensorElementType.Float16 => JudgeFloats(field.AsFloat16()),
                _ => default,
            };
            Report(findings, field.Name, field.ElementCount, values);
            return;
        }
    }

    private void Report(SampleObservations findings, string field, long elements, Verdict values)
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

    private Verdict Judge<T>(ReadOnlySpan<T> values) where T : System.Numerics.IBinaryInteger<T>
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

    private Verdict JudgeFloats<T>(ReadOnlySpan<T> values) where T : System.Numerics.IFloatingPoint<T>
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

    private struct Verdict
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
