namespace DataScrub.Fuzz;

/// <summary>The repository's files (fixtures, corpus), found from the working directory or the program's folder by
/// walking up to the folder that holds <c>DataScrub.sln</c>.</summary>
public sealed class RepositoryFiles(string root)
{
    public string Root { get; } = root;

    public static RepositoryFiles Locate()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
                if (File.Exists(Path.Combine(directory.FullName, "DataScrub.sln"))) return new RepositoryFiles(directory.FullName);
        }
        throw new DirectoryNotFoundException($"no DataScrub.sln above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}");
    }

    /// <summary>Files under <paramref name="folder"/> (relative to the root) whose names match one of the patterns,
    /// in ordinal order, as paths relative to the root.</summary>
    public IEnumerable<string> Under(string folder, params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(Path.Combine(Root, folder), p, SearchOption.AllDirectories))
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Distinct()
            .Order(StringComparer.Ordinal);
}
