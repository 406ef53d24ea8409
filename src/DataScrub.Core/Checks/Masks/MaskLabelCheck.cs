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
/// NaN and Inf are the non-finite check's; a mask image's values are DataScrub.Images' MaskImageLabelCheck's.
/// </remarks>
public sealed class MaskLabelCheck(long? numClasses, long? ignoreLabel) : ICheck
{
    private readonly MaskValueRule _rule = new(numClasses, ignoreLabel);

    public string Id => "mask-label";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, SampleObservations findings)
    {
        // A mask image is the image checks' (no label fields then).
        if (content.HasEncodedMask) return;
        for (var i = 0; i < content.FieldCount; i++)
        {
            var field = content.GetField(i, record);
            if (!field.IsLabel || field.ElementCount <= 1) continue;
            var values = field.ElementType switch
            {
                TensorElementType.Int64 => _rule.Judge(field.AsInt64()),
                TensorElementType.UInt8 => _rule.Judge(field.Bytes),
                TensorElementType.Float32 => _rule.JudgeFloats(field.AsFloat32()),
                TensorElementType.Float64 => _rule.JudgeFloats(field.AsFloat64()),
                TensorElementType.Float16 => _rule.JudgeFloats(field.AsFloat16()),
                _ => default(MaskValueRule.Verdict),
            };
            _rule.Report(findings, field.Name, field.ElementCount, values);
            return;
        }
    }
}
