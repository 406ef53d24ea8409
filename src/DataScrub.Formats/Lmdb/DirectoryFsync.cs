using System.Runtime.InteropServices;

namespace DataScrub.Formats.Lmdb;

/// <summary>
/// fsync(2) of a directory, so that files created or renamed in it survive a crash. .NET cannot open a
/// directory as a file handle, hence the P/Invoke. Windows has no such call (NTFS journals its metadata).
/// </summary>
internal static partial class DirectoryFsync
{
    private const int ReadOnly = 0; // O_RDONLY: enough for fsync, and the same value on every Unix

    public static void Sync(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        var fd = Open(directory, ReadOnly);
        if (fd < 0) throw new IOException($"{directory}: cannot open the directory to sync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(fd) != 0)
                throw new IOException($"{directory}: fsync of the directory failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
