using DataScrub.Checks.Labels;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Labels;

public class LabelCheckTests
{
    private static (string Findings, string Messages) Inspect(LabelCheck check, long? label, double? raw = null)
    {
        var sample = new CheckHarness();
        sample.Content.Label = label;
        sample.Content.RawLabel = raw;
        var (findings, _) = sample.Run(check);
        return (CheckHarness.Describe(findings), string.Join("|", findings.Select(f => f.Message)));
    }

    [Theory]
    [InlineData(0L, "")]
    [InlineData(3L, "")]
    [InlineData(4L, "label-out-of-range:label::")]
    [InlineData(-2L, "label-out-of-range:label::")]
    public void Inspect_IntegerLabel_IsInRangeBelowK(long label, string expected)
    {
        Assert.Equal(expected, Inspect(new LabelCheck(4, classLabelsExpected: true), label).Findings);
    }

    [Fact]
    public void Inspect_WithoutK_OnlyNegativeLabelsAreOutOfRange()
    {
        var check = new LabelCheck(null, classLabelsExpected: false);

        Assert.Equal("", Inspect(check, 1_000_000).Findings);
        Assert.Equal("label-out-of-range:label::", Inspect(check, -5).Findings);
    }

    [Fact]
    public void Inspect_IgnoreLabel_IsNeverOutOfRange_AndALikelyOneGetsAHint()
    {
        Assert.Equal("", Inspect(new LabelCheck(21, true, ignoreLabel: 255), 255).Findings);
        Assert.Equal("", Inspect(new LabelCheck(21, true, ignoreLabel: -1), -1).Findings);

        var (findings, messages) = Inspect(new LabelCheck(21, true), 255);
        Assert.Equal("label-out-of-range:label::", findings);
        Assert.Equal("label 255 is not below the 21 classes (if the loss ignores it, give --ignore-label 255)", messages);
        Assert.Equal("label -1 is negative (if the loss ignores it, give --ignore-label -1)", Inspect(new LabelCheck(21, true), -1).Messages);
        Assert.Equal("label -3 is negative", Inspect(new LabelCheck(21, true), -3).Messages);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Inspect_NonFiniteRawLabel_IsLabelNan_WhateverK(double raw)
    {
        Assert.Equal("label-nan:label::", Inspect(new LabelCheck(null, classLabelsExpected: false), null, raw).Findings);
        Assert.Equal("label-nan:label::", Inspect(new LabelCheck(4, classLabelsExpected: true), null, raw).Findings);
    }

    [Fact]
    public void Inspect_FractionalRawLabel_IsAnErrorOnlyWhereClassesAreExpected()
    {
        Assert.Equal("label-not-integer:label::", Inspect(new LabelCheck(4, classLabelsExpected: true), null, 1.5).Findings);
        Assert.Equal("", Inspect(new LabelCheck(null, classLabelsExpected: false), null, 1.5).Findings);
    }

    [Fact]
    public void Inspect_IntegralRawLabel_IsJudgedAsTheLabel()
    {
        Assert.Equal("label-out-of-range:label::", Inspect(new LabelCheck(4, true), 7, 7.0).Findings);
        Assert.Equal("", Inspect(new LabelCheck(4, true), 2, 2.0).Findings);
    }

    [Fact]
    public void Inspect_NoLabel_FindsNothing()
    {
        Assert.Equal("", Inspect(new LabelCheck(4, true), null).Findings);
    }

    [Theory]
    [InlineData(0L, 4L, null, true)]
    [InlineData(3L, 4L, null, true)]
    [InlineData(4L, 4L, null, false)]
    [InlineData(-1L, null, null, false)]
    [InlineData(99L, null, null, true)]
    [InlineData(2L, 4L, 2L, false)]
    public void InRange_TheSameRuleAsTheFindings(long label, long? k, long? ignore, bool expected)
    {
        Assert.Equal(expected, LabelCheck.InRange(label, k, ignore));
        Assert.Equal(expected, Inspect(new LabelCheck(k, true, ignore), label).Findings.Length == 0 && label != ignore);
    }
}
