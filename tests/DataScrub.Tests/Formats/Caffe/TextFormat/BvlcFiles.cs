using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Caffe.TextFormat;

/// <summary>The BVLC Caffe prototxt files in fixtures/prototxt/bvlc (its README says where they come from).</summary>
public static class BvlcFiles
{
    public const string Directory = "prototxt/bvlc";

    /// <summary>Every file, relative to <see cref="Directory"/> with '/' separators, in ordinal order.</summary>
    public static IReadOnlyList<string> All { get; } = System.IO.Directory
        .EnumerateFiles(Fixtures.Path(Directory), "*.prototxt", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Fixtures.Path(Directory), f).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)
        .ToList();

    public static string FullPath(string file) => Fixtures.Path(Directory + "/" + file);

    /// <summary>Caffe names its solver files <c>*solver*</c>; every other file is a net.</summary>
    public static bool IsSolver(string file) => Path.GetFileName(file).Contains("solver", StringComparison.Ordinal);

    public static TheoryData<string> Theory()
    {
        var data = new TheoryData<string>();
        foreach (var file in All) data.Add(file);
        return data;
    }
}
