namespace DataScrub.Formats.Hdf5;

/// <summary>Caffe HDF5Data inputs: an <c>.h5</c> file, a directory of them, or a source list <c>.txt</c>.</summary>
public sealed class Hdf5Format : IDatasetFormat
{
    public const string FormatName = "hdf5";

    public string Name => FormatName;

    public bool IsMatch(string path) =>
        File.Exists(path) ? Hdf5Inputs.IsHdf5File(path) || Hdf5Inputs.IsSourceList(path) : Hdf5Inputs.IsHdf5Directory(path);

    public IDatasetReader OpenReader(string path, ReaderOptions options) => Hdf5Reader.Open(path, options);

    public DataScrub.Rebuild.IDatasetRebuilder Rebuilder { get; } = new Hdf5Rebuilder();
}
