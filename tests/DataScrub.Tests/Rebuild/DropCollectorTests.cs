using DataScrub.Findings;
using DataScrub.Rebuild;

namespace DataScrub.Tests.Rebuild;

public sealed class DropCollectorTests
{
    private static Finding At(FindingKind kind, long index, Severity? severity = null) =>
        new(kind, index, $"k{index}", null, null, null, "m") { Severity = severity ?? kind.Severity };

    [Fact]
    public void Observe_KeepsStorageOrder_AndMergesKindsPerSample()
    {
        var collector = new DropCollector(new DropRule(true, new HashSet<FindingKind> { FindingKinds.Duplicate }));

        collector.Observe(At(FindingKinds.Nan, 3));
        collector.Observe(At(FindingKinds.Inf, 3));
        collector.Observe(At(FindingKinds.Nan, 7));
        // A duplicate arrives after its batch's other findings.
        collector.Observe(At(FindingKinds.Duplicate, 5));
        collector.Observe(At(FindingKinds.Duplicate, 3));
        collector.Observe(At(FindingKinds.Nan, 3));

        Assert.Equal([3L, 5L, 7L], collector.Dropped.Select(d => d.Index));
        Assert.Equal(["nan", "inf", "duplicate"], collector.Dropped[0].Kinds);
        Assert.Equal("k5", collector.Dropped[1].Id);
    }

    [Fact]
    public void Observe_IgnoresWhatTheRuleDoesNotDrop()
    {
        var collector = new DropCollector(new DropRule(true, new HashSet<FindingKind>()));

        collector.Observe(At(FindingKinds.Nan, 1, Severity.Warning));
        collector.Observe(At(FindingKinds.Duplicate, 2));
        collector.Observe(new Finding(FindingKinds.Nan, null, null, null, null, null, "dataset-level"));

        Assert.Empty(collector.Dropped);
    }

    [Fact]
    public void Observe_WithNoRule_CollectsNothing()
    {
        var collector = new DropCollector(DropRule.None);
        collector.Observe(At(FindingKinds.Nan, 1));
        Assert.Empty(collector.Dropped);
    }
}
