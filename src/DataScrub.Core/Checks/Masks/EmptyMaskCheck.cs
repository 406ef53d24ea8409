using DataScrub.Findings;
using DataScrub.Records;

namespace DataScrub.Checks.Masks;

/// <summary>
/// <c>empty-mask</c>: a segmentation target (a label field with more than one value per sample, such
/// as an HDF5 label dataset of N x H x W) with no foreground pixel, i.e. every value 0. With an empty
/// prediction a DICE loss is then 0/0. Records the outcome for the dataset's empty-mask fraction.
/// </summary>
public sealed class EmptyMaskCheck : ICheck
{
    public string Id => "empty-mask";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, IFindingSink findings)
    {
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
