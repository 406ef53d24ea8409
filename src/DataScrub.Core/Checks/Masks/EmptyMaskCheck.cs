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
public sealed class EmptyMaskCheck(Images.ImageInspectionOptions images) : ICheck
{
    public EmptyMaskCheck() : this(Images.ImageInspectionOptions.Default) { }

    public string Id => "empty-mask";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, IFindingSink findings)
    {
        if (content.HasEncodedMask)
        {
            InspectMaskImage(content, content.GetEncodedMask(record), findings);
            return;
        }
        for (var i = 0; i < content.FieldCount; i++)
        {
            var field = content.GetField(i, record);
            if (!field.IsLabel || field.ElementCount <= 1) continue;
            var empty = field.ElementType switch
            {
                TensorElementType.UInt8 => field.Bytes.IndexOfAnyExcept((byte)0) < 0,
                TensorElementType.Int64 => field.AsInt64().IndexOfAnyExcept(0L) < 0,
                // -0.0 is background too; NaN is not (and is reported by the non-finite check).
                TensorElementType.Float32 => AllZero(field.AsFloat32()),
                TensorElementType.Float64 => AllZero(field.AsFloat64()),
                TensorElementType.Float16 => AllZero(field.AsFloat16()),
                _ => false,
            };
            content.MaskEmpty = empty;
            if (empty)
                findings.Report(FindingKinds.EmptyMask, field.Name, field.ElementCount, null,
                    $"all {field.ElementCount} mask values are background (0)");
            return;
        }
    }

    private void InspectMaskImage(SampleContent content, ReadOnlySpan<byte> mask, IFindingSink findings)
    {
        // The crop size is about the images, not their masks.
        var result = Images.ImageInspector.Inspect(mask, images with { CropSize = 0 });
        var errors = result.Problems.Where(p => p.Kind.Severity == Severity.Error).ToList();
        foreach (var problem in errors)
            findings.Report(problem.Kind, "mask", null, problem.Offset, problem.Message);
        if (errors.Count > 0) return;
        bool blank;
        try
        {
            blank = Images.ImageInspector.IsBlank(mask);
        }
        catch (Exception e) when (e is SixLabors.ImageSharp.ImageFormatException or SixLabors.ImageSharp.Memory.InvalidMemoryOperationException or NotSupportedException)
        {
            findings.Report(FindingKinds.CorruptImage, "mask", null, null, $"the decoder fails: {e.Message}");
            return;
        }
        content.MaskEmpty = blank;
        if (blank)
            findings.Report(FindingKinds.EmptyMask, "mask", result.Width is { } w && result.Height is { } h ? (long)w * h : null, null,
                "every mask pixel is background (0)");
    }

    private static bool AllZero(ReadOnlySpan<float> values)
    {
        foreach (var v in values) if (v != 0f) return false;
        return true;
    }

    private static bool AllZero(ReadOnlySpan<double> values)
    {
        foreach (var v in values) if (v != 0d) return false;
        return true;
    }

    private static bool AllZero(ReadOnlySpan<Half> values)
    {
        foreach (var v in values) if (v != Half.Zero) return false;
        return true;
    }
}
