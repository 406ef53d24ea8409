using DataScrub.Analysis.Batches;

namespace DataScrub.Tests.Analysis.Batches;

public class StorageOrderBatchesTests
{
    [Fact]
    public void SortedByClass_CountsMissingBatchesByHand()
    {
        // 3 classes x 100 records, sorted: class boundaries at records 100 and 200.
        var labels = Enumerable.Range(0, 300).Select(i => (long?)(i / 100)).ToArray();

        var results = Run(labels, [32, 128, 150, 250, 400], classesPresent: 3);

        // B = 32: ceil(300/32) = 10 batches. A 32-record window cannot span both boundaries (100 records apart),
        // so full windows hold at most 2 classes; the last, [288, 300) of class 2 completed with records [0, 20)
        // of class 0, holds 2. All 10 miss.
        Assert.Equal(new StorageOrderResult(32, 10, 10), results[0]);
        // B = 128: [0,128) = {0,1}, [128,256) = {1,2}, [256,300) + [0,84) = {2,0}: 3 batches, all miss.
        Assert.Equal(new StorageOrderResult(128, 3, 3), results[1]);
        // B = 150: [0,150) = {0,1}, [150,300) = {1,2}: 2 batches, both miss (no wrap-around: 300 = 2 * 150).
        Assert.Equal(new StorageOrderResult(150, 2, 2), results[2]);
        // B = 250: [0,250) = {0,1,2}; [250,300) + [0,200) = {2,0,1}: 2 batches, none miss.
        Assert.Equal(new StorageOrderResult(250, 2, 0), results[3]);
        // B = 400 > N: one batch, the whole dataset.
        Assert.Equal(new StorageOrderResult(400, 1, 0), results[4]);
    }

    [Fact]
    public void Interleaved_OnlyTooSmallOrWrappedBatchesMiss()
    {
        var labels = Enumerable.Range(0, 301).Select(i => (long?)(i % 3)).ToArray();

        var results = Run(labels, [3, 4, 7, 32, 2], classesPresent: 3);

        // B = 3: 100 full windows {0,1,2}; the last is record 300 (class 0) completed with records 0 and 1
        // (classes 0 and 1), so the wrap-around batch misses class 2.
        Assert.Equal(new StorageOrderResult(3, 101, 1), results[0]);
        // B = 4: the last is record 300 (class 0) + records 0..2 = all classes.
        Assert.Equal(new StorageOrderResult(4, 76, 0), results[1]);
        Assert.Equal(new StorageOrderResult(7, 43, 0), results[2]);
        Assert.Equal(new StorageOrderResult(32, 10, 0), results[3]);
        Assert.Equal(new StorageOrderResult(2, 151, 151), results[4]); // 2 slots cannot hold 3 classes
    }

    [Fact]
    public void UnlabelledRecords_FillSlotsButHoldNoClass()
    {
        long?[] labels = [0, 0, null, null, 0, 1, null];

        // B = 2: [0,0] miss, [-,-] miss, [0,1] ok, [-] + record 0 = [-,0] miss.
        Assert.Equal(new StorageOrderResult(2, 4, 3), Run(labels, [2], classesPresent: 2)[0]);
        // classesPresent 1: only the all-unlabelled batch misses.
        Assert.Equal(new StorageOrderResult(2, 4, 1), Run(labels, [2], classesPresent: 1)[0]);
        // classesPresent 0: nothing can be missing.
        Assert.Equal(new StorageOrderResult(2, 4, 0), Run(labels, [2], classesPresent: 0)[0]);
    }

    [Fact]
    public void EmptyStream_HasNoBatches()
    {
        Assert.Equal(new StorageOrderResult(8, 0, 0), Run([], [8], classesPresent: 0)[0]);
    }

    [Fact]
    public void AgreesWithANaiveWindowScan_OnRandomLabelSequences()
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var random = new Random(seed);
            var length = random.Next(1, 400);
            var classes = random.Next(1, 7);
            // Mostly small labels, some far outside the array path, some unlabelled; sorted runs now and then
            // so that windows really miss classes.
            long[] labelValues = [.. Enumerable.Range(0, classes).Select(c => c switch { 4 => -5L, 5 => 1L << 40, _ => c })];
            var labels = new long?[length];
            for (var i = 0; i < length; i++)
            {
                if (random.Next(10) == 0)
                    labels[i] = null;
                else
                    labels[i] = labelValues[seed % 3 == 0 ? i * classes / length : random.Next(classes)];
            }
            int[] batchSizes = [1, 2, 3, 7, 32, 64, length, length + 5];
            var classesPresent = labels.OfType<long>().Distinct().Count();

            var results = Run(labels, batchSizes, classesPresent);

            for (var i = 0; i < batchSizes.Length; i++)
                Assert.Equal(Naive(labels, batchSizes[i], classesPresent), results[i]);
        }
    }

    [Fact]
    public void Complete_CanBeCalledMidStreamAndAgain()
    {
        var labels = Enumerable.Range(0, 100).Select(i => (long?)(i * 7 % 5 == 0 ? 1 : i % 3)).ToArray();
        var batches = new StorageOrderBatches([6, 9]);
        foreach (var label in labels[..50])
            batches.Observe(label);
        Assert.Equal(Naive(labels[..50], 6, 3), batches.Complete(3)[0]);
        foreach (var label in labels[50..])
            batches.Observe(label);

        Assert.Equal([Naive(labels, 6, 3), Naive(labels, 9, 3)], batches.Complete(3));
        Assert.Equal(batches.Complete(3), batches.Complete(3));
    }

    [Fact]
    public void InvalidArguments_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StorageOrderBatches([4, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StorageOrderBatches([4]).Complete(-1));
    }

    private static IReadOnlyList<StorageOrderResult> Run(long?[] labels, int[] batchSizes, int classesPresent)
    {
        var batches = new StorageOrderBatches(batchSizes);
        foreach (var label in labels)
            batches.Observe(label);
        return batches.Complete(classesPresent);
    }

    /// <summary>Every batch's records listed explicitly, indexes taken modulo N for the wrap-around.</summary>
    private static StorageOrderResult Naive(long?[] labels, int batchSize, int classesPresent)
    {
        var n = labels.Length;
        long batchCount = (n + batchSize - 1) / batchSize;
        long missing = 0;
        for (var k = 0; k < batchCount; k++)
        {
            var distinct = Enumerable.Range(k * batchSize, batchSize)
                .Select(i => labels[i % n]).OfType<long>().Distinct().Count();
            if (distinct < classesPresent)
                missing++;
        }
        return new StorageOrderResult(batchSize, batchCount, missing);
    }
}
