using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DataScrub.Images.LibTiff;

/// <summary>
/// The file libtiff reads through <c>TIFFClientOpen</c>: the caller's pinned bytes, a read position and the decode's
/// deadline. Its address is the client data handed to every callback, so each open handle has its own and decodes
/// on several threads never share one. libtiff maps it (the map callback returns the bytes themselves), so strip data
/// is decoded in place rather than copied; headers and directories still come through the read callback, which
/// refuses to read once the deadline has passed.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LibTiffMemoryFile
{
    private const int SeekSet = 0, SeekCurrent = 1, SeekEnd = 2;

    public byte* Data;
    public long Length;
    public long Position;
    /// <summary>A <see cref="Stopwatch.GetTimestamp"/> value, <see cref="long.MaxValue"/> for none.</summary>
    public long Deadline;
    /// <summary>Set once a read was refused because the deadline had passed.</summary>
    public int TimedOut;

    public LibTiffMemoryFile(byte* data, long length, long deadline)
    {
        Data = data;
        Length = length;
        Deadline = deadline;
    }

    internal static delegate* unmanaged<nint, byte*, nint, nint> ReadProc => &Read;
    internal static delegate* unmanaged<nint, byte*, nint, nint> WriteProc => &Write;
    internal static delegate* unmanaged<nint, ulong, int, ulong> SeekProc => &Seek;
    internal static delegate* unmanaged<nint, int> CloseProc => &CloseFile;
    internal static delegate* unmanaged<nint, ulong> SizeProc => &Size;
    internal static delegate* unmanaged<nint, byte**, ulong*, int> MapProc => &Map;
    internal static delegate* unmanaged<nint, byte*, ulong, void> UnmapProc => &Unmap;

    [UnmanagedCallersOnly]
    private static nint Read(nint handle, byte* buffer, nint size)
    {
        var file = (LibTiffMemoryFile*)handle;
        if (file->Deadline != long.MaxValue && Stopwatch.GetTimestamp() > file->Deadline)
        {
            file->TimedOut = 1;
            return -1;
        }
        if (size <= 0 || file->Position >= file->Length) return 0;
        var count = (nint)Math.Min(size, file->Length - file->Position);
        new ReadOnlySpan<byte>(file->Data + file->Position, (int)count).CopyTo(new Span<byte>(buffer, (int)count));
        file->Position += count;
        return count;
    }

    // Opened read-only: libtiff never writes, and a write would be refused.
    [UnmanagedCallersOnly]
    private static nint Write(nint handle, byte* buffer, nint size) => -1;

    [UnmanagedCallersOnly]
    private static ulong Seek(nint handle, ulong offset, int whence)
    {
        var file = (LibTiffMemoryFile*)handle;
        // Offsets come from the file and may be anything; a position past the end is allowed (reads there return 0),
        // one before the start or beyond long.MaxValue is an error ((toff_t)-1).
        var origin = whence switch { SeekSet => 0L, SeekCurrent => file->Position, SeekEnd => file->Length, _ => -1L };
        if (origin < 0) return ulong.MaxValue;
        var signedOffset = (long)offset; // toff_t is unsigned, but SEEK_CUR/SEEK_END pass negative offsets in it
        if (whence == SeekSet && offset > long.MaxValue) return ulong.MaxValue;
        long target;
        try
        {
            target = checked(origin + signedOffset);
        }
        catch (OverflowException)
        {
            return ulong.MaxValue;
        }
        if (target < 0) return ulong.MaxValue;
        file->Position = target;
        return (ulong)target;
    }

    [UnmanagedCallersOnly]
    private static int CloseFile(nint handle) => 0; // the bytes belong to the caller

    [UnmanagedCallersOnly]
    private static ulong Size(nint handle) => (ulong)((LibTiffMemoryFile*)handle)->Length;

    [UnmanagedCallersOnly]
    private static int Map(nint handle, byte** start, ulong* size)
    {
        var file = (LibTiffMemoryFile*)handle;
        *start = file->Data;
        *size = (ulong)file->Length;
        return 1;
    }

    [UnmanagedCallersOnly]
    private static void Unmap(nint handle, byte* start, ulong size)
    {
    }
}
