using System.Runtime.InteropServices;

namespace DataScrub.Rebuild;

/// <summary>
/// The POSIX calls .NET does not offer: fsync of a directory (so that a rename survives a power
/// loss), renameat2(RENAME_EXCHANGE) (so that <c>--force</c> swaps the old destination for the new
/// one in one atomic step) and open(O_TMPFILE) (a writability probe without a name). Elsewhere than Linux:
/// no directory sync, a two-step swap and a named probe.
/// </summary>
internal static partial class NativeFileSystem
{
    private const int OpenReadOnly = 0, OpenWriteOnly = 1, OpenDirectory = 0x10000, OpenTemporaryFile = 0x400000 | OpenDirectory;
    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;

    public static void SyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = Open(path, OpenReadOnly | OpenDirectory);
        if (fd < 0) throw new IOException($"{path}: cannot open the directory to flush it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"{path}: fsync of the directory failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            Close(fd);
        }
    }

    /// <summary>
    /// Flushes every dirty page of the filesystem holding <paramref name="path"/> with one <c>syncfs</c>: a
    /// rebuilt image folder of a million files would otherwise take a million open+fsync calls. False where
    /// the system has no syncfs (the caller then fsyncs file by file).
    /// </summary>
    public static bool TrySyncFileSystem(string path)
    {
        if (!OperatingSystem.IsLinux()) return false;
        var fd = Open(path, OpenReadOnly | OpenDirectory);
        if (fd < 0) return false;
        try
        {
            return Syncfs(fd) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        finally
        {
            Close(fd);
        }
    }

    /// <summary>
    /// True when an unnamed file (<c>O_TMPFILE</c>) can be created in <paramref name="directory"/>: a proof that it is
    /// writable which leaves nothing behind even if the process is killed at that moment. False where that cannot be
    /// shown this way (not Linux, a filesystem without O_TMPFILE, or an error the caller words with a named probe).
    /// </summary>
    public static bool CanCreateUnnamedFileIn(string directory)
    {
        if (!OperatingSystem.IsLinux()) return false;
        var fd = OpenWithMode(directory, OpenWriteOnly | OpenTemporaryFile, 0x180);
        if (fd < 0) return false;
        Close(fd);
        return true;
    }

    /// <summary>Atomically exchanges two existing paths; false when the system cannot (then the caller swaps in two steps).</summary>
    public static bool TryExchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return Renameat2(AtCurrentDirectory, a, AtCurrentDirectory, b, RenameExchange) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenWithMode(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int Syncfs(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Renameat2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
