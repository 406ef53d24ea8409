using System.Buffers;

namespace DataScrub.Formats.Buffers;

/// <summary>
/// The shared byte-array pool for buffers up to <see cref="LargestPooled"/> bytes, and plain arrays above it.
/// <see cref="ArrayPool{T}.Shared"/> keeps arrays up to 1 GiB for the life of the process: one scan of an HDF5 file
/// with 500 MB rows or chunks (a damaged dataspace declares them in a 760-byte file, found by AFL++) left them held
/// after the scan, and a process that scans file after file (a pipeline using DataScrub as a library, the fuzzer's
/// harness) held one of every size it ever met, until the heap ran out. Past this size a slab is one or a few rows
/// or one chunk of data that size, which costs far more to read than to allocate.
/// </summary>
internal static class LargeArrayPool
{
    /// <summary>The largest array pooled: HDF5's largest slab (<see cref="Hdf5.Hdf5Reader.MaxSlabBytes"/>).</summary>
    public const int LargestPooled = 64 << 20;

    public static byte[] Rent(int length) =>
        length <= LargestPooled ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);

    public static void Return(byte[] array)
    {
        if (array.Length <= LargestPooled) ArrayPool<byte>.Shared.Return(array);
    }
}
