namespace DataScrub.Formats.Caffe.Definitions;

/// <summary>
/// What one data layer of a net feeds training, as a scan needs it: the dataset (resolved as Caffe resolves it) and
/// its format, and the settings Caffe applies to it.
/// </summary>
/// <param name="Source">The <c>source</c> as the prototxt writes it.</param>
/// <param name="Path">Where Caffe opens it (see <see cref="CaffePaths"/>).</param>
/// <param name="Format">DataScrub's format name: lmdb, leveldb (a Data layer's backend), hdf5 (an HDF5Data list) or
/// images (an ImageData listfile).</param>
/// <param name="CropSize">transform_param's crop_size (0: none), for a source whose images Caffe does not resize first.</param>
/// <param name="MeanFile">transform_param's mean_file, resolved; null without one.</param>
/// <param name="Root">An ImageData layer's root_folder, resolved (Caffe prepends it to each listed path); without one, the
/// directory Caffe runs in, where it then opens the listed paths.</param>
/// <param name="DataTops">An HDF5Data layer's data tops (the datasets read from every file); null otherwise.</param>
/// <param name="LabelTop">An HDF5Data layer's label top; null for none, or for other layers.</param>
public sealed record DataLayerSource(
    NetLayer Layer,
    string Source,
    string Path,
    string Format,
    int BatchSize,
    int CropSize,
    string? MeanFile,
    string? Root,
    IReadOnlyList<string>? DataTops,
    string? LabelTop);
