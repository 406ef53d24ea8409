namespace DataScrub.Cli.Configuration;

/// <summary>
/// Which configuration file a run uses: the one <c>--config</c> names, else a <c>datascrub.json</c> beside the datasets
/// (in the folder that holds each dataset path), unless <c>--no-config</c>. Several datasets beside different files
/// are refused: which file's options would apply is not obvious.
/// </summary>
internal static class ConfigFileLocator
{
    /// <summary>The file to use, or null; a <see cref="ConfigFileException"/> when the choice is ambiguous or the named file is missing.</summary>
    public static string? Locate(string? explicitPath, bool disabled, IEnumerable<string> datasetPaths)
    {
        if (explicitPath is not null)
        {
            if (!File.Exists(explicitPath)) throw new ConfigFileException(explicitPath, "no such file (--config)");
            return explicitPath;
        }
        if (disabled) return null;
        var found = datasetPaths.Select(Beside).Where(p => p is not null).Distinct(StringComparer.Ordinal).ToList();
        if (found.Count > 1)
            throw new ConfigFileException(found[0]!, $"the datasets have different configuration files ({string.Join(", ", found)}): choose one with --config FILE, or --no-config");
        return found.FirstOrDefault();
    }

    /// <summary>datascrub.json in the folder holding <paramref name="datasetPath"/>, when it exists.</summary>
    private static string? Beside(string datasetPath)
    {
        var full = Path.GetFullPath(datasetPath.TrimEnd('/', Path.DirectorySeparatorChar) is { Length: > 0 } p ? p : datasetPath);
        var folder = Path.GetDirectoryName(full);
        if (folder is null) return null;
        var candidate = Path.Combine(folder, ConfigFile.DefaultName);
        return File.Exists(candidate) ? candidate : null;
    }
}
