using DataScrub.Formats.Buffers;

namespace DataScrub.Tests.Formats;

/// <summary>Buffers past 64 MiB are not kept by the shared pool after a scan (fuzz finding: a process scanning file
/// after file held one of every size a damaged dataspace had asked for, until its heap ran out).</summary>
public sealed class LargeArrayPoolTests
{
    [Fact]
    public void ABufferPastTheLargestPooled_IsNotKept_AfterItIsReturned()
    {
        var large = LargeArrayPool.Rent(LargeArrayPool.LargestPooled + 1);
        Assert.Equal(LargeArrayPool.LargestPooled + 1, large.Length);
        LargeArrayPool.Return(large);
        Assert.NotSame(large, LargeArrayPool.Rent(LargeArrayPool.LargestPooled + 1));
    }

    [Fact]
    public void ASlabOfTheLargestPooledSize_StillComesFromThePool()
    {
        // HDF5's largest slab (tall chunks) is rented for every slab of such a dataset: allocating it each time would
        // churn the large object heap.
        var slab = LargeArrayPool.Rent(LargeArrayPool.LargestPooled);
        LargeArrayPool.Return(slab);
        Assert.Same(slab, LargeArrayPool.Rent(LargeArrayPool.LargestPooled));
    }
}
