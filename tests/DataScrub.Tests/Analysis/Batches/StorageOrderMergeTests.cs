using DataScrub.Analysis.Batches;
using DataScrub.Analysis.Labels;

namespace DataScrub.Tests.Analysis.Batches;

/// <summary>The analysis states merge: runs of consecutive samples counted apart and merged, in any grouping, give
/// what one pass gives (the foundation of worker batches now and of shard merges later).</summary>
public sealed class StorageOrderMergeTests
{
    [Fact]
    public void Merge_AnySplitAndGrouping_GivesTheOnePassCounts()
    {
        var random = new Random(12345);
        for (var trial = 0; trial < 400; trial++)
        {
            var length = random.Next(0, 300);
            var classes = random.Next(1, 9);
            var labels = Enumerable.Range(0, length).Select(_ => random.Next(10) == 0 ? (long?)null : random.Next(classes)).ToArray();
            // Sorted runs miss classes in storage order: the interesting case.
            if (trial % 3 == 0) labels = [.. labels.OrderBy(l => l ?? -1)];
            int[] batchSizes = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(1, 40)).Distinct()];

            var onePass = new StorageOrderBatches(batchSizes);
            foreach (var label in labels) onePass.Observe(label);
            var present = labels.Where(l => l is not null).Distinct().Count();
            var expected = onePass.Complete(present);

            // Cut into runs at random points, each counted from its own start.
            var cuts = Enumerable.Range(1, Math.Max(0, length - 1)).Where(_ => random.Next(4) == 0).Prepend(0).Append(length).Distinct().Order().ToArray();
            var runs = new List<StorageOrderBatches>();
            for (var r = 0; r + 1 < cuts.Length; r++)
            {
                var run = new StorageOrderBatches(batchSizes, cuts[r]);
                for (var i = cuts[r]; i < cuts[r + 1]; i++) run.Observe(labels[i]);
                runs.Add(run);
            }
            if (runs.Count == 0) runs.Add(new StorageOrderBatches(batchSizes));

            // Merge neighbours in a random order (a random tree), not only left to right.
            while (runs.Count > 1)
            {
                var at = random.Next(runs.Count - 1);
                runs[at].Merge(runs[at + 1]);
                runs.RemoveAt(at + 1);
            }
            var merged = runs[0].Complete(present);
            Assert.True(expected.SequenceEqual(merged),
                $"trial {trial}: labels [{string.Join(",", labels)}], batch sizes [{string.Join(",", batchSizes)}], cuts [{string.Join(",", cuts)}]: {string.Join("; ", expected)} vs {string.Join("; ", merged)}");
        }
    }

    [Fact]
    public void Merge_RunThatDoesNotFollow_IsRefused()
    {
        var first = new StorageOrderBatches([4]);
        first.Observe(1);
        var gap = new StorageOrderBatches([4], start: 5);
        Assert.Throws<ArgumentException>(() => first.Merge(gap));
    }

    [Fact]
    public void HighLabelSamples_MergedRuns_KeepWhatOnePassKeeps()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var budget = random.Next(1, 12);
            var samples = Enumerable.Range(0, random.Next(0, 60)).Select(i => (Label: (long)random.Next(0, 40), Index: (long)i)).ToArray();
            var onePass = new HighLabelSamples(budget);
            foreach (var (label, index) in samples) onePass.Observe(label, index, $"s{index}");

            var runs = new List<HighLabelSamples>();
            foreach (var chunk in samples.Chunk(random.Next(1, 10)))
            {
                var run = new HighLabelSamples(budget);
                foreach (var (label, index) in chunk) run.Observe(label, index, $"s{index}");
                runs.Add(run);
            }
            var merged = new HighLabelSamples(budget);
            foreach (var run in runs) merged.Merge(run);

            for (var floor = -1; floor < 41; floor += 7)
            {
                var (a, completeA) = onePass.Above(floor);
                var (b, completeB) = merged.Above(floor);
                Assert.Equal(a, b);
                Assert.Equal(completeA, completeB);
            }
            Assert.Equal(onePass.ForgottenUpTo, merged.ForgottenUpTo);
        }
    }
}
