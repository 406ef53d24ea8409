using DataScrub.Analysis;

namespace DataScrub.Tests.Analysis;

/// <summary>The bounded storage-order buckets: the width one pass reaches is the smallest power of two that covers the
/// positions within the cap; runs merged in any grouping (each starting at a width the whole reaches) hold the same
/// buckets; positions with gaps between them land in the right bucket.</summary>
public sealed class PowerOfTwoBucketsTests
{
    private struct Tally : IPositionBucket<Tally>
    {
        public long First;
        public long Count;
        public long Sum;

        public readonly bool IsEmpty => Count == 0;

        public void Add(long position)
        {
            if (Count == 0) First = position;
            Count++;
            Sum += position;
        }

        public static Tally Combine(in Tally earlier, in Tally later) =>
            new() { First = earlier.First, Count = earlier.Count + later.Count, Sum = earlier.Sum + later.Sum };
    }

    [Fact]
    public void At_PositionsWithGaps_MatchABruteForceBucketing()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 300; trial++)
        {
            var cap = random.Next(2, 20);
            var positions = Positions(random, random.Next(0, 400));
            var buckets = new PowerOfTwoBuckets<Tally>(cap);
            foreach (var p in positions) buckets.At(p).Add(p);

            Assert.Equal(Expected(positions, cap), Describe(buckets));
        }
    }

    [Fact]
    public void Merge_AnySplitGroupingAndStartingWidth_GivesTheOnePassBuckets()
    {
        var random = new Random(6);
        for (var trial = 0; trial < 300; trial++)
        {
            var cap = random.Next(2, 20);
            var positions = Positions(random, random.Next(0, 400));
            var onePass = new PowerOfTwoBuckets<Tally>(cap);
            foreach (var p in positions) onePass.At(p).Add(p);

            var cuts = Enumerable.Range(1, Math.Max(0, positions.Count - 1)).Where(_ => random.Next(8) == 0)
                .Prepend(0).Append(positions.Count).Distinct().Order().ToArray();
            var runs = new List<PowerOfTwoBuckets<Tally>>();
            for (var r = 0; r + 1 < cuts.Length; r++)
            {
                var run = new PowerOfTwoBuckets<Tally>(cap, 1L << random.Next(0, System.Numerics.BitOperations.Log2((ulong)onePass.Width) + 1));
                for (var i = cuts[r]; i < cuts[r + 1]; i++) run.At(positions[i]).Add(positions[i]);
                runs.Add(run);
            }
            if (runs.Count == 0) runs.Add(new PowerOfTwoBuckets<Tally>(cap));
            while (runs.Count > 1)
            {
                var at = random.Next(runs.Count - 1);
                runs[at].Merge(runs[at + 1]);
                runs.RemoveAt(at + 1);
            }

            Assert.Equal(Describe(onePass), Describe(runs[0]));
            Assert.Equal(onePass.Width, runs[0].Width);
        }
    }

    [Fact]
    public void At_APositionBeforeTheFirstBucket_IsRefused()
    {
        var buckets = new PowerOfTwoBuckets<Tally>(4);
        buckets.At(10).Add(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => buckets.At(3));
    }

    /// <summary>Increasing positions, sometimes with gaps (a run of batches some of which are still open), from a random start.</summary>
    private static List<long> Positions(Random random, int count)
    {
        var positions = new List<long>(count);
        var p = (long)random.Next(0, 1000);
        for (var i = 0; i < count; i++)
        {
            positions.Add(p);
            p += random.Next(5) == 0 ? random.Next(2, 30) : random.Next(0, 2);
        }
        return positions;
    }

    /// <summary>The smallest width whose buckets from the first position's to the last's are at most the cap, and the
    /// non-empty buckets at it.</summary>
    private static List<string> Expected(List<long> positions, int cap)
    {
        if (positions.Count == 0) return [];
        var width = 1L;
        while (positions[^1] / width - positions[0] / width >= cap) width *= 2;
        return [.. positions.GroupBy(p => p / width).Select(g => $"{g.Key * width}:{g.First()}:{g.Count()}:{g.Sum()}")];
    }

    private static List<string> Describe(PowerOfTwoBuckets<Tally> buckets)
    {
        var described = new List<string>();
        for (var i = 0; i < buckets.Count; i++)
            if (!buckets[i].IsEmpty) described.Add($"{buckets.StartOf(i)}:{buckets[i].First}:{buckets[i].Count}:{buckets[i].Sum}");
        return described;
    }
}
