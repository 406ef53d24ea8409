using DataScrub.Findings;
using DataScrub.Records;

namespace DataScrub.Checks.Masks;

/// <summary>
/// <c>empty-mask</c>: a segmentation target (a label field with more than one value per sample, such
/// as an HDF5 label dataset of N x H x W) with no foreground pixel, i.e. every value 0. With an empty
/// prediction a DICE loss is then 0/0. Records the outcome for the dataset's empty-mask fraction.
/// </summary>
/// <remarks>A mask image (an image folder scanned with masks) is DataScrub.Images' MaskImageCheck's.</remarks>
/// <param name="ignoreLabel">Caffe's <c>ignore_label</c>: values with it are not foreground (a mask of only 0 and
/// the ignore label is empty to the loss).</param>
public sealed class EmptyMaskCheck(long? ignoreLabel = null) : ICheck
{
    public string Id => "empty-mask";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, SampleObservations findings)
    {
        // A mask image is the image checks' (no label fields then).
        if (content.HasEncodedMask) return;
        for (var i = 0; i < content.FieldCount; i++)
        {
            var field = content.GetField(i, record);
            if (!field.IsLabel || field.ElementCount <= 1) continue;
            var empty = field.ElementType switch
            {
                TensorElementType.UInt8 => ignoreLabel is >= 0 and <= byte.MaxValue
                    ? field.Bytes.IndexOfAnyExcept((byte)0, (byte)ignoreLabel.Value) < 0
                    : field.Bytes.IndexOfAnyExcept((byte)0) < 0,
                TensorElementType.Int64 => ignoreLabel is { } v
                    ? field.AsInt64().IndexOfAnyExcept(0L, v) < 0
                    : field.AsInt64().IndexOfAnyExcept(0L) < 0,
                // -0.0 is background too; NaN is not (and is reported by the non-finite check).
                TensorElementType.Float32 => AllBackground(field.AsFloat32()),
                TensorElementType.Float64 => AllBackground(field.AsFloat64()),
                TensorElementType.Float16 => AllBackground(field.AsFloat16()),
                _ => false,
            };
            findings.MaskEmpty = empty;
            if (empty)
                findings.Report(FindingKinds.EmptyMask, field.Name, field.ElementCount, null,
                    ignoreLabel is { } ignored
                        ? $"all {field.ElementCount} mask values are background (0) or ignored ({ignored})"
                        : $"all {field.ElementCount} mask values are background (0)");
            return;
        }
    }

    private bool AllBackground<T>(ReadOnlySpan<T> values) where T : System.Numerics.IFloatingPoint<T>
    {
        var ignored = ignoreLabel is { } v ? T.CreateChecked(v) : T.Zero;
        foreach (var value in values)
            if (value != T.Zero && value != ignored) return false;
        return true;
    }
}
