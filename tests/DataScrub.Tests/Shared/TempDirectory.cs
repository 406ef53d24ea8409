using System.Security.Cryptography;

namespace DataScrub.Tests.Shared;

/// <summary>A unique directory per test, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("datascrub-test-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Copies a directory's files (not recursive), optionally leaving some out.</summary>
    public string CopyDirectory(string source, string name, params string[] except)
    {
        var target = Combine(name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
            if (!except.Contains(System.IO.Path.GetFileName(file)))
                File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        return target;
    }

    /// <summary>Every file under <paramref name="directory"/> with its SHA-256, to prove nothing changed.</summary>
    public static SortedDictionary<string, string> Snapshot(string directory)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories))
            result[System.IO.Path.GetRelativePath(directory, file)] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        return result;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
