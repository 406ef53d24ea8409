namespace DataScrub.Cli.Configuration;

/// <summary>
/// A class-names file (<c>--class-names</c>): line i names class i, as Caffe's ImageNet <c>synsets.txt</c> and
/// <c>synset_words.txt</c> do ("n01440764" or "n01440764 tench, Tinca tinca"). Blank lines name nothing but keep
/// their index; a name given twice keeps its first class (a dictionary by name cannot hold both).
/// </summary>
internal static class ClassNamesFile
{
    /// <summary>Name → label; a <see cref="ConfigFileException"/> when the file cannot be read.</summary>
    public static IReadOnlyDictionary<string, long> Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigFileException(path, $"--class-names: cannot read it: {e.Message}");
        }
        var names = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var name = lines[i].Trim();
            if (name.Length > 0) names.TryAdd(name, i);
        }
        if (names.Count == 0) throw new ConfigFileException(path, "--class-names: the file names no class (one name per line, line 1 is class 0)");
        return names;
    }
}
