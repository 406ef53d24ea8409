namespace DataScrub.Formats.Hdf5;

/// <summary>
/// Caffe's rule for the row size of an HDF5Data top across the files of a source list, as
/// BVLC/caffe (9b89154) does it:
/// <list type="bullet">
/// <item>src/caffe/util/hdf5.cpp:67, hdf5_load_nd_dataset_helper: <c>blob->Reshape(blob_dims)</c>: every
/// file's dataset is loaded at its own shape (HDF5DataLayer passes reshape = true, hdf5_data_layer.cpp:44).</item>
/// <item>src/caffe/layers/hdf5_data_layer.cpp:53-55, LoadHDF5FileData: <c>CHECK_EQ(hdf_blobs_[i]->shape(0), num)</c>:
/// the only check between datasets is that every top of a file has the first top's N.</item>
/// <item>hdf5_data_layer.cpp:112-125, LayerSetUp: the top blobs are shaped once, from the first file loaded
/// (<c>top_shape[j] = hdf_blobs_[i]->shape(j)</c>): the first listed file, or with <c>shuffle: true</c> the
/// first of the shuffled order.</item>
/// <item>hdf5_data_layer.cpp:171-173, Forward_cpu: <c>data_dim = top[j]->count() / top[j]->shape(0)</c> and
/// <c>caffe_copy(data_dim, &amp;hdf_blobs_[j]->cpu_data()[row * data_dim], ...)</c>: each row copies the first
/// file's values per row from every later file, whatever that file's shape.</item>
/// </list>
/// So a later file whose dataset holds another number of values per row is read misaligned (rows run
/// into each other, or past the blob): an error. The same values per row spelled as another shape ((N,)
/// and (N,1); 3x4x4 and 48) is read identically: nothing to report.
/// </summary>
internal sealed class Hdf5TopShapes
{
    private readonly Dictionary<string, (long Values, string Shape, string File)> _first = new(StringComparer.Ordinal);

    /// <summary>What the rule needs of one field: its name, its values per row and how its rows are shaped. Plain values, so
    /// that a shard can replay the files before its part without opening them again.</summary>
    public readonly record struct RowShape(string Name, long Values, string Shape);

    public static IReadOnlyList<RowShape> Of(IEnumerable<Hdf5Field> fields) =>
        [.. fields.Select(f => new RowShape(f.Name, f.ElementsPerRow, f.TrailingShape))];

    /// <summary>The fields of <paramref name="file"/> whose values per row differ from the first file's, with the message.</summary>
    public IEnumerable<(string Field, string Message)> Check(string file, IEnumerable<RowShape> fields)
    {
        foreach (var field in fields)
        {
            if (!_first.TryGetValue(field.Name, out var first))
            {
                _first[field.Name] = (field.Values, field.Shape, file);
                continue;
            }
            if (first.Values != field.Values)
                yield return (field.Name, $"dataset '{field.Name}' holds {field.Values} values per row ({field.Shape}) in {file} but {first.Values} ({first.Shape}) in {first.File}; " +
                    $"Caffe shapes the top from the first file it loads and copies that many values per row from every file, so these rows are read misaligned");
        }
    }

    /// <summary>Takes in a file read by an earlier shard: its shapes become the first file's where they are the first seen,
    /// as if it had been checked here (its findings are that shard's).</summary>
    public void Remember(string file, IEnumerable<RowShape> fields)
    {
        foreach (var _ in Check(file, fields)) { }
    }
}
