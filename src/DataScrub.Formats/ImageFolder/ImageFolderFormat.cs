namespace DataScrub.Formats.ImageFolder;

/// <summary>Image datasets: a class-per-subfolder tree, a flat folder, or a Caffe listfile.</summary>
public sealed class ImageFolderFormat : IDatasetFormat
{
    public const string FormatName = "images";

    public string Name => FormatName;

    public bool IsMatch(string path) => ImageFolderLayout.IsListFile(path) || ImageFolderLayout.HasImages(path);

    public IDatasetReader OpenReader(string path, ReaderOptions options) => ImageFolderReader.Open(path, options.Root, options.MaskRoot, options.Shard);

    public DataScrub.Rebuild.IDatasetRebuilder Rebuilder { get; } = new ImageFolderRebuilder();
}
