namespace DataScrub.Fuzz;

/// <summary>
/// A folder of this process's own for the harnesses whose parser reads files: the input is written there and the
/// parser opened on it. On /dev/shm when it exists, so that tens of thousands of executions a minute do not wear a
/// disk. Created once per process (one-time setup); afl-fuzz kills the process at the end, so it is removed at the
/// next start of any harness (folders of processes no longer running).
/// </summary>
public static class Scratch
{
    private static readonly Lazy<string> Folder = new(Create);

    public static string Path => Folder.Value;

    /// <summary>An empty folder <paramref name="name"/> inside this process's scratch folder.</summary>
    public static string EmptyFolder(string name)
    {
        var folder = System.IO.Path.Combine(Path, name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Create()
    {
        var parent = System.IO.Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath(), "datascrub-fuzz");
        Directory.CreateDirectory(parent);
        foreach (var stale in Directory.EnumerateDirectories(parent))
        {
            if (int.TryParse(System.IO.Path.GetFileName(stale), out var pid) && !IsRunning(pid))
                try { Directory.Delete(stale, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        var own = System.IO.Path.Combine(parent, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(own);
        return own;
    }

    private static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}") || !Directory.Exists("/proc");
}
