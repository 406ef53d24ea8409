using DataScrub.Checks;
using DataScrub.Checks.Fp16;
using DataScrub.Checks.Labels;
using DataScrub.Checks.Masks;
using DataScrub.Checks.NonFinite;
using DataScrub.Checks.Shape;
using DataScrub.Checks.Statistics;
using DataScrub.Images.Checks;
using DataScrub.Samples;

namespace DataScrub.Images;

/// <summary>
/// The one place the standard per-sample checks are assembled from the user's settings: here because this is the
/// lowest project that sees every check (Core's and the image checks). The CLI's scan and rebuild, the benchmarks
/// and the tests all take their check set from here.
/// </summary>
public static class StandardChecks
{
    /// <summary>The standard checks with default settings.</summary>
    public static CheckSet Default { get; } = Create(ImageInspectionOptions.Default);

    /// <param name="images">Image limits (pixel limit, crop size, decoder).</param>
    /// <param name="numClasses">K when given; else the dataset's class folders give it, else it is inferred after the scan.</param>
    /// <param name="ignoreLabel">Caffe's <c>ignore_label</c>: never out of range, not foreground in a mask.</param>
    public static CheckSet Create(ImageInspectionOptions images, long? numClasses = null, long? ignoreLabel = null) =>
        dataset => For(dataset, images, numClasses, ignoreLabel);

    /// <summary>The checks for one dataset, in the order their findings appear within a sample.</summary>
    public static IReadOnlyList<ICheck> For(DatasetInfo dataset, ImageInspectionOptions images, long? numClasses, long? ignoreLabel)
    {
        // K is known before the scan when given, or from the class folders; else it is inferred at the end.
        var knownClasses = numClasses ?? dataset.ClassNames?.Count;
        return
        [
            new NonFiniteCheck(), new ShapeCheck(), new ImageCheck(images), new Fp16OverflowCheck(),
            new EmptyMaskCheck(ignoreLabel), new MaskImageCheck(images, ignoreLabel), new SampleStatisticsCheck(),
            new LabelCheck(knownClasses, classLabelsExpected: knownClasses is not null, ignoreLabel),
            // Class folders name the images' classes, not the mask's: only a given K bounds mask values (and a mask
            // image's values are read up to PIL's pixel limit, whatever the images' limit).
            new MaskLabelCheck(numClasses, ignoreLabel), new MaskImageLabelCheck(numClasses, ignoreLabel),
        ];
    }
}
