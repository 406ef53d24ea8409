namespace DataScrub.Rebuild;

/// <summary>
/// Where a rebuild writes and how it appears: a temporary sibling of the destination
/// (<c>.NAME.datascrub-rebuild-PID</c>) is renamed into place only when complete, flushed and verified,
/// so an interrupted rebuild never leaves a partial destination. Temporaries whose process is gone are
/// stale: found, reported and removed by the next rebuild of the same destination.
/// </summary>
public sealed class RebuildTarget
{
    private const string Marker = ".datascrub-rebuild-";

    public RebuildTarget(string destination)
    {
        Destination = Path.GetFullPath(destination).TrimEnd(Path.DirectorySeparatorChar);
        Parent = Path.GetDirectoryName(Destination) ?? throw new ArgumentException($"{destination}: no parent directory", nameof(destination));
        Name = Path.GetFileName(Destination);
        Temporary = Path.Combine(Parent, $".{Name}{Marker}{Environment.ProcessId}");
    }

    public string Destination { get; }

    public string Parent { get; }

    public string Name { get; }

    /// <summary>This run's temporary directory.</summary>
    public string Temporary { get; }

    /// <summary>Temporaries of earlier rebuilds of this destination whose process no longer runs.</summary>
    public IReadOnlyList<string> FindStale() => Temporaries().Where(t => t.Pid is not { } pid || !IsRunning(pid)).Select(t => t.Path).ToList();

    /// <summary>Temporaries of this destination that another live process is writing (another rebuild).</summary>
    public IReadOnlyList<string> FindActive() => Temporaries().Where(t => t.Pid is { } pid && IsRunning(pid)).Select(t => t.Path).ToList();

    private IEnumerable<(string Path, int? Pid)> Temporaries()
    {
        if (!Directory.Exists(Parent)) yield break;
        var prefix = $".{Name}{Marker}";
        foreach (var path in Directory.EnumerateDirectories(Parent, prefix + "*"))
        {
            var suffix = Path.GetFileName(path)[prefix.Length..];
            int? pid = int.TryParse(suffix, out var p) ? p : null;
            if (pid != Environment.ProcessId) yield return (path, pid);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
