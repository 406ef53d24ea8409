using DataScrub.Formats;
using DataScrub.Formats.Hdf5;
using DataScrub.Formats.ImageFolder;
using DataScrub.Formats.LevelDb;
using DataScrub.Formats.Lmdb;

namespace DataScrub.Cli.CommandLine;

/// <summary>
/// The datasets an option can apply to (<c>--root</c>: image listfiles). Given for datasets it can never
/// apply to, the option is refused once their formats are known, before anything is scanned: a user who
/// typed it expects it to do something. Options without a scope apply to every dataset.
/// </summary>
/// <param name="AppliesTo">What the option applies to, as the refusal says it ("image listfiles").</param>
/// <param name="Applies">Whether it applies to a dataset of this format at this path.</param>
internal sealed record OptionScope(string AppliesTo, Func<IDatasetFormat, string, bool> Applies)
{
    public static OptionScope Hdf5Inputs { get; } = OfFormats("hdf5 inputs", Hdf5Format.FormatName);

    public static OptionScope ImageListfiles { get; } = new("image listfiles", (format, path) => format.Name == ImageFolderFormat.FormatName && File.Exists(path));

    public static OptionScope ImageFolders { get; } = OfFormats("image folders and listfiles", ImageFolderFormat.FormatName);

    /// <summary>Image checks run on image files and on the encoded images a Datum may hold.</summary>
    public static OptionScope Images { get; } = OfFormats("images (files, and lmdb/leveldb datums holding encoded images)",
        ImageFolderFormat.FormatName, LmdbFormat.FormatName, LevelDbFormat.FormatName);

    /// <summary>Caffe's transform_param (mean_file) exists for the Data and ImageData layers, not for HDF5Data.</summary>
    public static OptionScope TransformedInputs { get; } = OfFormats("lmdb/leveldb datums and images",
        LmdbFormat.FormatName, LevelDbFormat.FormatName, ImageFolderFormat.FormatName);

    /// <summary>A mean image comes from Datums' declared C x H x W, as compute_image_mean computes it.</summary>
    public static OptionScope Datums { get; } = OfFormats("lmdb/leveldb datums", LmdbFormat.FormatName, LevelDbFormat.FormatName);

    private static OptionScope OfFormats(string appliesTo, params string[] formats) =>
        new(appliesTo, (format, _) => formats.Contains(format.Name));

    /// <summary>Why <paramref name="option"/> is refused for these datasets (it applies to none of them), or null.</summary>
    public string? Refusal(string option, IReadOnlyList<(string Path, IDatasetFormat Format)> datasets)
    {
        if (datasets.Count == 0 || datasets.Any(d => Applies(d.Format, d.Path))) return null;
        return datasets.Count == 1
            ? $"{option} applies to {AppliesTo} only; {datasets[0].Path} is {Describe(datasets[0].Format, datasets[0].Path)}"
            : $"{option} applies to {AppliesTo} only; none of the {datasets.Count} datasets is one";
    }

    private static string Describe(IDatasetFormat format, string path) => format.Name switch
    {
        ImageFolderFormat.FormatName => Directory.Exists(path) ? "an image folder" : "an image listfile",
        LmdbFormat.FormatName => "an lmdb dataset",
        Hdf5Format.FormatName => "an hdf5 dataset",
        _ => $"a {format.Name} dataset",
    };
}
