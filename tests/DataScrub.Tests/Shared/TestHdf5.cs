using PureHDF;

namespace DataScrub.Tests.Shared;

/// <summary>Small HDF5 files written with PureHDF for tests: one named dataset of any shape, beside a 'data' dataset of
/// distinct values (so that no constant feature or duplicate distracts from what the test is about).</summary>
public static class TestHdf5
{
    public sealed record Dataset(string Name, Array Values, ulong[] Dims);

    public static string Write(TempDirectory dir, string name, int rows, Dataset dataset)
    {
        var file = new H5File();
        var random = new Random(rows);
        if (dataset.Name != "data") file["data"] = new H5Dataset(Enumerable.Range(0, rows).Select(_ => random.NextSingle()).ToArray(), fileDims: [(ulong)rows]);
        file[dataset.Name] = new H5Dataset(dataset.Values, fileDims: dataset.Dims);
        var path = dir.Combine(name);
        file.Write(path);
        return path;
    }
}
