using DataScrub.Findings;
using DataScrub.Records;

namespace DataScrub.Checks.Masks;

/// <summary>
/// <c>empty-mask</c>: a segmentation target (a label field with more than one value per sample, such
/// as an HDF5 label dataset of N x H x W) with no foreground pixel, i.e. every value 0. With an empty
/// prediction a DICE loss is then 0/0. Records the outcome for the dataset's empty-mask fraction.
/// </summary>
/// <remarks>A mask image (an image folder scanned with <c>--masks</c>) gets the image checks first; a mask
/// that no loader can read is reported with field <c>mask</c> and counts as no mask.</remarks>
/// <param name="ignoreLabel">Caffe's <c>ignore_label</c>: pixels with it are not foreground (a mask of only 0 and
/// the ignore label is empty to the loss).</param>
public sealed class EmptyMaskCheck(Images.ImageInspectionOptions images, long? ignoreLabel = null) : ICheck
{
    public EmptyMaskCheck() : this(Images.ImageInspectionOptions.Default) { }

    public string Id => "empty-mask";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, SampleObservations findings)
    {
        if (content.HasEncodedMask)
        {
            InspectMaskImage(content, content.EncodedMask, findings);
            return;
        }
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

    private void InspectMaskImage(SampleContent content, ReadOnlySpan<byte> mask, SampleObservations findings)
    {
        // The crop size is about the images, not their masks.
        var result = Images.ImageInspector.Inspect(mask, images with { CropSize = 0 });
        var errors = result.Problems.Where(p => p.Kind.Severity == Severity.Error).ToList();
        foreach (var problem in errors)
            findings.Report(problem.Kind, "mask", null, problem.Offset, problem.Message);
        if (errors.Count > 0) return;
        bool blank;
        // Palette and grayscale masks hold class values (the ignore label among them); other masks are empty when black.
        if (PngMaskValues.Read(mask, images.MaxPixels, out _, out _) is { } values)
        {
            blank = ignoreLabel is >= 0 and <= ushort.MaxValue
                ? values.AsSpan().IndexOfAnyExcept((ushort)0, (ushort)ignoreLabel.Value) < 0
                : values.AsSpan().IndexOfAnyExcept((ushort)0) < 0;
        }
        else
        {
            try
            {
                blank = Images.ImageInspector.IsBlank(mask);
            }
            catch (Exception e) when (e is SixLabors.ImageSharp.ImageFormatException or SixLabors.ImageSharp.Memory.InvalidMemoryOperationException or NotSupportedException)
            {
                findings.Report(FindingKinds.CorruptImage, "mask", null, null, $"the decoder fails: {e.Message}");
                return;
            }
        }
        findings.MaskEmpty = blank;
        if (blank)
            findings.Report(FindingKinds.EmptyMask, "mask", result.Width is { } w && result.Height is { } h ? (long)w * h : null, null,
                ignoreLabel is { } ignored ? $"every mask pixel is background (0) or ignored ({ignored})" : "every mask pixel is background (0)");
    }

    private bool AllBackground<T>(ReadOnlySpan<T> values) where T : System.Numerics.IFloatingPoint<T>
    {
        var ignored = ignoreLabel is { } v ? T.CreateChecked(v) : T.Zero;
        foreach (var value in values)
            if (value != T.Zero && value != ignored) return false;
        return true;
    }
}
