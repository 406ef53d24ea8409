using DataScrub.Analysis.Batches;

namespace DataScrub.Tests.Analysis.Batches;

/// <summary>The class coverage of storage-order batches (the profile's points) against a brute-force count: every batch
/// [kB, (k + 1)B), the last completed with the first records, its distinct classes, bucketed into the fewest
/// power-of-two runs of batches that stay within 256; the same however the records were split and merged.</summary>
public sealed class StorageOrderCoverageTests
{
    [Fact]
    public void Coverage_AnySplitAndGrouping_IsTheBruteForcePoints()
    {
        var random = new Random(77);
        for (var trial = 0; trial < 120; trial++)
        {
            var length = random.Next(0, 4000);
            var classes = random.Next(1, 12);
            var labels = Enumerable.Range(0, length).Select(_ => random.Next(15) == 0 ? (long?)null : random.Next(classes)).ToArray();
            if (trial % 4 == 0) labels = [.. labels.OrderBy(l => l ?? -1)];
            int[] batchSizes = [.. new[] { 1, random.Next(2, 9), random.Next(9, 70), random.Next(1, 5000) }.Distinct()];

            var cuts = Enumerable.Range(1, Math.Max(0, length - 1)).Where(_ => random.Next(30) == 0).Prepend(0).Append(length).Distinct().Order().ToArray();
            var runs = new List<StorageOrderBatches>();
            for (var r = 0; r + 1 < cuts.Length; r++)
            {
                var run = new StorageOrderBatches(batchSizes, cuts[r]);
                for (var i = cuts[r]; i < cuts[r + 1]; i++) run.Observe(labels[i]);
                runs.Add(run);
            }
            if (runs.Count == 0) runs.Add(new StorageOrderBatches(batchSizes));
            while (runs.Count > 1)
            {
                var at = random.Next(runs.Count - 1);
                runs[at].Merge(runs[at + 1]);
                runs.RemoveAt(at + 1);
            }
            var results = runs[0].Complete(labels.Where(l => l is not null).Distinct().Count());
            var coverage = runs[0].Coverage();

            for (var b = 0; b < batchSizes.Length; b++)
            {
                var expected = BruteForce(labels, batchSizes[b]);
                var actual = coverage[b].Select(p => $"{p.FirstBatch}:{p.Batches}:{p.MinClasses}:{p.MeanClasses:R}").ToList();
                Assert.True(expected.SequenceEqual(actual),
                    $"trial {trial}, batch size {batchSizes[b]}, {length} records: expected [{string.Join(" ", expected)}], got [{string.Join(" ", actual)}]");
                Assert.True(actual.Count <= WindowClassCounter.MaxCoveragePoints);
                Assert.Equal(results[b].Batches, coverage[b].Sum(p => p.Batches));
            }
        }
    }

    [Fact]
    public void Coverage_AMillionRecords_StaysWithinTheCap()
    {
        var batches = new StorageOrderBatches([32]);
        for (var i = 0; i < 1_000_000; i++) batches.Observe(i % 1000 / 100); // sorted runs of 100: classes 0..9 repeating

        var coverage = batches.Coverage()[0];

        // 31,250 batches in runs of 128: 245 points.
        Assert.Equal(245, coverage.Count);
        Assert.Equal(31_250, coverage.Sum(p => p.Batches));
        Assert.All(coverage, p => Assert.InRange(p.MinClasses, 1, 2));
    }

    private static List<string> BruteForce(long?[] labels, int batchSize)
    {
        var n = labels.Length;
        if (n == 0) return [];
        var distinct = new List<int>();
        for (var start = 0; start < n; start += batchSize)
        {
            var set = new HashSet<long>();
            for (var i = start; i < Math.Min(n, start + batchSize); i++)
                if (labels[i] is { } l) set.Add(l);
            // The last batch wraps around to the first records (at most once round a dataset shorter than the batch).
            for (var i = 0; i < Math.Min(n, start + batchSize - n); i++)
                if (labels[i] is { } l) set.Add(l);
            distinct.Add(set.Count);
        }
        var width = 1;
        while ((distinct.Count - 1) / width >= 256) width *= 2;
        return [.. distinct.Select((d, k) => (d, k)).GroupBy(x => x.k / width)
            .Select(g => $"{g.First().k}:{g.Count()}:{g.Min(x => x.d)}:{(double)g.Sum(x => x.d) / g.Count():R}")];
    }
}
