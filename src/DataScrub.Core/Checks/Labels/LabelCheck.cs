using DataScrub.Findings;
using DataScrub.Records;

namespace DataScrub.Checks.Labels;

/// <summary>
/// <c>label-out-of-range</c>, <c>label-nan</c> and <c>label-not-integer</c> for a sample's class label.
/// A fractional float label is only an error where class labels are expected (the number of classes was
/// given, or the layout names the classes): elsewhere it is a regression target, and counted as unlabelled.
/// </summary>
/// <param name="numClasses">K when known before the scan (given, or the class folders); null = inferred
/// afterwards as max label + 1, so only negative labels are out of range.</param>
/// <param name="classLabelsExpected">Report fractional float labels.</param>
public sealed class LabelCheck(long? numClasses, bool classLabelsExpected) : ICheck
{
    public string Id => "label";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, IFindingSink findings)
    {
        if (content.RawLabel is { } raw && content.Label is null)
        {
            if (!double.IsFinite(raw))
                findings.Report(FindingKinds.LabelNan, "label", null, null, $"the label is {raw}");
            else if (classLabelsExpected)
                findings.Report(FindingKinds.LabelNotInteger, "label", null, null, $"the label {raw} is not an integer class");
            return;
        }
        if (content.Label is not { } label) return;
        if (label < 0)
            findings.Report(FindingKinds.LabelOutOfRange, "label", null, null, $"label {label} is negative");
        else if (label >= numClasses)
            findings.Report(FindingKinds.LabelOutOfRange, "label", null, null, $"label {label} is not below the {numClasses} classes");
    }

    /// <summary>Whether a label takes part in class statistics (the same rule as the findings above).</summary>
    public static bool InRange(long label, long? numClasses) => label >= 0 && (numClasses is null || label < numClasses);
}
