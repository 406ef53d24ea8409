namespace DataScrub.Formats.Caffe.Definitions;

/// <summary>
/// Where Caffe finds a path a prototxt names: a relative path is opened from the directory Caffe runs in (the
/// examples say "run from CAFFE_ROOT"), not from the prototxt's folder. DataScrub resolves the same way from the
/// directory given as that place (<c>--workdir</c>, else the current directory).
/// </summary>
public static class CaffePaths
{
    /// <remarks>A path with a NUL byte (a prototxt can spell one, "\000") names no file: it is returned unresolved, and
    /// <see cref="Exists"/> is false for it (Path.GetFullPath throws on it: found by AFL++, fuzz/regressions/prototxt).</remarks>
    public static string Resolve(string path, string workDirectory) =>
        Path.IsPathRooted(path) || path.Contains('\0') ? path : Path.GetFullPath(Path.Combine(workDirectory, path));

    /// <summary>A resolved path as reports name it: relative to the current directory when it lies under it.</summary>
    public static string Shown(string path)
    {
        if (path.Contains('\0')) return path.Replace('\0', '?');
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    public static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    /// <summary>For a path that is missing where Caffe looks: where it does exist relative to the prototxt's folder
    /// (the usual mistake), else null.</summary>
    public static string? FoundBesides(string path, string prototxt)
    {
        if (Path.IsPathRooted(path) || path.Contains('\0')) return null;
        var folder = Path.GetDirectoryName(Path.GetFullPath(prototxt));
        if (folder is null) return null;
        var beside = Path.GetFullPath(Path.Combine(folder, path));
        return Exists(beside) ? beside : null;
    }
}
