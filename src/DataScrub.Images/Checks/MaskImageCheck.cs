using DataScrub.Checks;
using DataScrub.Findings;
using DataScrub.Images.Masks;
using DataScrub.Records;

namespace DataScrub.Images.Checks;

/// <summary>
/// A sample's segmentation mask image (an image folder scanned with masks): the image checks first, a mask that no
/// loader can read reported with field <c>mask</c> (and counting as no mask); then <c>empty-mask</c> when it has no
/// foreground pixel. With an empty prediction a DICE loss is then 0/0. Records the outcome for the dataset's
/// empty-mask fraction. Masks stored as label arrays (HDF5) are <see cref="DataScrub.Checks.Masks.EmptyMaskCheck"/>'s.
/// </summary>
/// <param name="ignoreLabel">Caffe's <c>ignore_label</c>: pixels with it are not foreground (a mask of only 0 and
/// the ignore label is empty to the loss).</param>
public sealed class MaskImageCheck(ImageInspectionOptions images, long? ignoreLabel = null) : ICheck
{
    public MaskImageCheck() : this(ImageInspectionOptions.Default) { }

    public string Id => "mask-image";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, SampleObservations findings)
    {
        if (!content.HasEncodedMask) return;
        var mask = content.EncodedMask;
        // The crop size is about the images, not their masks.
        var result = ImageInspector.Inspect(mask, images with { CropSize = 0 }, withMoments: true);
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
        else if (result.Moments is { Length: > 0 } moments)
        {
            // Every colour channel's largest value is 0: every pixel is black (alpha aside).
            blank = moments.All(m => m.Max == 0);
        }
        else
        {
            // Not decoded (unsupported, out of time) or no pixel moments from its decoder: cannot say it is empty.
            return;
        }
        findings.MaskEmpty = blank;
        if (blank)
            findings.Report(FindingKinds.EmptyMask, "mask", result.Width is { } w && result.Height is { } h ? (long)w * h : null, null,
                ignoreLabel is { } ignored ? $"every mask pixel is background (0) or ignored ({ignored})" : "every mask pixel is background (0)");
    }
}
