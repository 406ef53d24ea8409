using DataScrub.Formats.Hdf5;
using DataScrub.Formats.ImageFolder;
using DataScrub.Formats.LevelDb;
using DataScrub.Formats.Lmdb;

namespace DataScrub.Formats;

/// <summary>The formats this build can read, in detection order.</summary>
public static class DatasetFormats
{
    public static FormatRegistry CreateRegistry() => new([new LmdbFormat(), new LevelDbFormat(), new Hdf5Format(), new ImageFolderFormat()]);
}
