using System.Runtime.InteropServices;

namespace DataScrub.Formats.Lmdb;

/// <summary>
/// Keeps a sequential scan of a memory-mapped store from growing the process's resident set to the
/// size of the store. Pages of LMDB's read-only shared file mapping that were touched stay mapped (and
/// count as resident) until the process unmaps them; every <see cref="DefaultTrimInterval"/> bytes handed out
/// this drops the mappings of the range read so far with <c>madvise(MADV_DONTNEED)</c>. On a read-only
/// shared file mapping that only zaps page-table entries: the data stays in the page cache, and a
/// record still queued for a worker is faulted back in, unchanged, when the worker touches it.
/// </summary>
internal sealed unsafe class MappedPageTrimmer
{
    public const long DefaultTrimInterval = 64L << 20;

    private const int MadvDontNeed = 4;

    private static readonly nuint PageSize = (nuint)Environment.SystemPageSize;

    private readonly long _interval;
    private nuint _low = nuint.MaxValue;
    private nuint _high;
    private long _sinceTrim;

    public MappedPageTrimmer(long interval = DefaultTrimInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, 1);
        _interval = interval;
    }

    public int Trims { get; private set; }

    /// <summary>Notes that <paramref name="length"/> bytes at <paramref name="pointer"/> were handed out.</summary>
    public void Touched(byte* pointer, int length)
    {
        var start = (nuint)pointer;
        if (start < _low) _low = start;
        if (start + (nuint)length > _high) _high = start + (nuint)length;
        _sinceTrim += length;
        if (_sinceTrim >= _interval) Trim();
    }

    public void Trim()
    {
        _sinceTrim = 0;
        if (Madvise is null || _high <= _low) return;
        var start = _low & ~(PageSize - 1);
        // Advice is only a hint: a failure changes memory use, never results, so it is ignored.
        _ = Madvise(start, _high - start, MadvDontNeed);
        Trims++;
    }

    /// <summary>glibc's madvise, or null where there is none (then the scan just keeps its pages mapped).</summary>
    private static readonly delegate* unmanaged<nuint, nuint, int, int> Madvise = LoadMadvise();

    private static delegate* unmanaged<nuint, nuint, int, int> LoadMadvise()
    {
        if (!OperatingSystem.IsLinux()) return null;
        foreach (var name in new[] { "libc.so.6", "libc" })
            if (NativeLibrary.TryLoad(name, out var libc) && NativeLibrary.TryGetExport(libc, "madvise", out var export))
                return (delegate* unmanaged<nuint, nuint, int, int>)export;
        return null;
    }
}
