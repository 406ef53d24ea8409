using DataScrub.Rebuild;

namespace DataScrub.Tests.Rebuild;

public sealed class DropSetTests
{
    [Fact]
    public void Contains_CoversDroppedSamplesAndEveryPositionOfADroppedFile()
    {
        var drops = DropSet.Of([new DroppedSample(2, "a#2", ["nan"])],
            [new DroppedFile("b", ["missing-dataset"], "why", FirstIndex: 10, Samples: 3), new DroppedFile("c", ["missing-file"], "why", -1, 0)]);

        Assert.Equal([2L, 10L, 11L, 12L], Enumerable.Range(0, 20).Select(i => (long)i).Where(drops.Contains));
    }

    [Fact]
    public void Within_GivesTheDroppedRowsOfASpan_RelativeToItsFirstSample()
    {
        var drops = new DropSet([1, 5, 6, 9, 14], []);

        Assert.Equal([0L, 1L, 4L, 9L], drops.Within(5, 10).Order());
        Assert.Empty(drops.Within(15, 5));
        Assert.Empty(DropSet.Empty.Within(0, 100));
    }
}
