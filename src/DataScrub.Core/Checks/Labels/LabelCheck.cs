using DataScrub.Findings;
using DataScrub.Records;

namespace DataScrub.Checks.Labels;

/// <summary>
/// <c>label-out-of-range</c>, <c>label-nan</c> and <c>label-not-integer</c> for a sample's class label.
/// A fractional float label is only an error where class labels are expected (the number of classes was
/// given, or the layout names the classes): elsewhere it is a regression target, and counted as unlabelled.
/// The ignore label (Caffe's <c>loss_param.ignore_label</c>) is never out of range: the loss skips it.
/// </summary>
/// <param name="numClasses">K when known before the scan (given, or the class folders); null = inferred
/// afterwards, so only negative labels are out of range here (the class analysis judges labels far above
/// the rest once it has seen them all).</param>
/// <param name="classLabelsExpected">Report fractional float labels.</param>
/// <param name="ignoreLabel">The label the loss ignores, if any.</param>
public sealed class LabelCheck(long? numClasses, bool classLabelsExpected, long? ignoreLabel = null) : ICheck
{
    public string Id => "label";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, SampleObservations findings)
    {
        if (content.RawLabel is { } raw && content.Label is null)
        {
            if (!double.IsFinite(raw))
                findings.Report(FindingKinds.LabelNan, "label", null, null, $"the label is {raw}");
            else if (classLabelsExpected)
                findings.Report(FindingKinds.LabelNotInteger, "label", null, null, $"the label {raw} is not an integer class");
            return;
        }
        if (content.Label is not { } label || label == ignoreLabel) return;
        if (label < 0)
            findings.Report(FindingKinds.LabelOutOfRange, "label", null, null, $"label {label} is negative{IgnoreHint(label)}");
        else if (label >= numClasses)
            findings.Report(FindingKinds.LabelOutOfRange, "label", null, null, $"label {label} is not below the {numClasses} classes{IgnoreHint(label)}");
    }

    /// <summary>Whether a label takes part in class statistics (the same rule as the findings above).</summary>
    public static bool InRange(long label, long? numClasses, long? ignoreLabel = null) =>
        label >= 0 && (numClasses is null || label < numClasses) && label != ignoreLabel;

    /// <summary>Suggests the option when the label looks like a loss's ignore value and none was given.</summary>
    private string IgnoreHint(long label) =>
        ignoreLabel is null && label is -1 or 255 ? $" (if the loss ignores it, give --ignore-label {label})" : "";
}
