namespace DataScrub.Formats.LevelDb;

/// <summary>Caffe LevelDB datasets: a directory with <c>CURRENT</c>, a <c>MANIFEST-*</c>, tables and logs.</summary>
public sealed class LevelDbFormat : IDatasetFormat
{
    public const string FormatName = "leveldb";

    public string Name => FormatName;

    public bool IsMatch(string path) => Directory.Exists(path) && LevelDbManifest.LooksLikeLevelDb(path);

    public IDatasetReader OpenReader(string path, ReaderOptions options) => LevelDbReader.Open(path, options.Shard);

    public DataScrub.Rebuild.IDatasetRebuilder Rebuilder { get; } = new RecordStores.RecordStoreRebuilder(FormatName, (directory, _) => LevelDbWriter.Create(directory));
}
