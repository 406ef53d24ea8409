namespace DataScrub.Fuzz;

/// <summary>One input of the initial corpus: a file name for the corpus folder (it says which fixture it came from)
/// and its bytes.</summary>
public sealed record FuzzSeed(string Name, byte[] Bytes)
{
    /// <summary>A fixture file as it is, named after its path (<c>fixtures/lmdb/caffe_clean/data.mdb</c> becomes
    /// <c>lmdb_caffe_clean_data.mdb</c>).</summary>
    public static FuzzSeed FromFile(RepositoryFiles files, string relativePath) =>
        new(NameOf(relativePath), File.ReadAllBytes(Path.Combine(files.Root, relativePath)));

    public static string NameOf(string relativePath)
    {
        var name = relativePath.StartsWith("fixtures/", StringComparison.Ordinal) ? relativePath["fixtures/".Length..] : relativePath;
        return name.Replace('/', '_');
    }
}
