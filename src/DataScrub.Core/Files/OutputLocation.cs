namespace DataScrub.Files;

/// <summary>
/// Whether DataScrub can create a file or directory at a path, checked before a long scan rather than
/// discovered after it. The check creates a file in the directory, unnamed (O_TMPFILE) where the system can, else
/// named and at once removed: permission bits alone would not say that root cannot write on a read-only filesystem,
/// in an immutable directory or in /sys.
/// </summary>
public static class OutputLocation
{
    /// <summary>Why a file cannot be written at <paramref name="path"/> (one clause, lowercase), or null.</summary>
    public static string? WhyNotAFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) return "is a directory";
        return WhyNotInDirectory(Path.GetDirectoryName(full) ?? full);
    }

    /// <summary>Why nothing can be created in <paramref name="directory"/> (one clause, lowercase), or null.</summary>
    public static string? WhyNotInDirectory(string directory)
    {
        if (File.Exists(directory)) return $"{directory} is not a directory";
        if (!Directory.Exists(directory)) return $"the directory {directory} does not exist";
        // An unnamed file first: a process killed during the probe leaves no probe file beside the output.
        if (Rebuild.NativeFileSystem.CanCreateUnnamedFileIn(directory)) return null;
        var probe = Path.Combine(directory, $".datascrub-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write in {directory}: {SystemError.Reason(e)}";
        }
    }
}
