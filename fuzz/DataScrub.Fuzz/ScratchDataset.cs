namespace DataScrub.Fuzz;

/// <summary>
/// A copy of a fixture dataset in the scratch folder, made once per process, with one of its files replaced by each
/// input: the rest of the store stays valid, so the fuzzed file is read in the context the reader expects (a table
/// file listed by a good manifest, a log beside good tables).
/// </summary>
public sealed class ScratchDataset
{
    private readonly string _target;

    /// <param name="fixture">The fixture folder or file, relative to the repository root (null: an empty folder).</param>
    /// <param name="fuzzed">The file inside the copy that each input replaces.</param>
    public ScratchDataset(string name, string? fixture, string fuzzed)
    {
        Folder = Scratch.EmptyFolder(name);
        if (fixture is not null)
        {
            var source = Path.Combine(RepositoryFiles.Locate().Root, fixture);
            if (Directory.Exists(source))
            {
                foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
                {
                    var copy = Path.Combine(Folder, Path.GetRelativePath(source, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                    File.Copy(file, copy);
                }
            }
            else
            {
                File.Copy(source, Path.Combine(Folder, Path.GetFileName(source)));
            }
        }
        _target = Path.Combine(Folder, fuzzed);
    }

    /// <summary>The copy: the path to scan.</summary>
    public string Folder { get; }

    /// <summary>The fuzzed file's path, with <paramref name="input"/> written to it.</summary>
    public string Write(byte[] input)
    {
        File.WriteAllBytes(_target, input);
        return _target;
    }
}
