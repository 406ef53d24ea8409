using DataScrub.Checks;
using DataScrub.Checks.Masks;
using DataScrub.Images.Masks;
using DataScrub.Records;

namespace DataScrub.Images.Checks;

/// <summary>
/// <c>label-out-of-range</c> for the class values of a segmentation mask image (an image folder scanned with masks),
/// judged as <see cref="MaskLabelCheck"/> judges label arrays. A mask image's values cannot be negative: without K
/// there is nothing to judge. Only palette and grayscale masks hold class values (an RGB mask's colours are not
/// indices).
/// </summary>
/// <param name="maxPixels">Masks larger than this are not read for values.</param>
public sealed class MaskImageLabelCheck(long? numClasses, long? ignoreLabel, long maxPixels = ImageInspectionOptions.PilMaxPixels) : ICheck
{
    private readonly MaskValueRule _rule = new(numClasses, ignoreLabel);
    private readonly bool _classesGiven = numClasses is not null;

    public string Id => "mask-image-label";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, SampleObservations findings)
    {
        if (!content.HasEncodedMask || !_classesGiven
            || PngMaskValues.Read(content.EncodedMask, maxPixels, out _, out _) is not { } pixels) return;
        _rule.Report(findings, "mask", pixels.Length, _rule.Judge<ushort>(pixels));
    }
}
