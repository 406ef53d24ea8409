namespace DataScrub.Formats;

/// <summary>A storage format DataScrub can read and rebuild: detection, opening, cleaned copies.</summary>
public interface IDatasetFormat
{
    /// <summary>The name used on the command line (<c>--format lmdb</c>) and in reports.</summary>
    string Name { get; }

    /// <summary>Cheap content-based detection: looks at directory entries and header bytes only.</summary>
    bool IsMatch(string path);

    /// <summary>Opens <paramref name="path"/> strictly read-only.</summary>
    /// <exception cref="DatasetUnreadableException">The path cannot be read as this format.</exception>
    IDatasetReader OpenReader(string path, ReaderOptions options);

    /// <summary>Writes cleaned copies in this format (<c>datascrub rebuild</c>).</summary>
    Rebuild.IDatasetRebuilder Rebuilder { get; }
}
