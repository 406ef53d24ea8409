namespace DataScrub.Formats.Hdf5;

/// <summary>One filter of a dataset's pipeline: its HDF5 id, name, client data, and whether it is optional
/// (the library stores a chunk without it when it does not help, and says so in the chunk's filter mask).</summary>
internal sealed record Hdf5Filter(int Id, string Name, uint[] Parameters, bool Optional)
{
    public const int Deflate = 1;
    public const int Shuffle = 2;
    public const int Fletcher32 = 3;

    /// <summary>The filters DataScrub decodes itself.</summary>
    public bool IsSupported => Id is Deflate or Shuffle or Fletcher32;

    public string Describe() => $"{(Name.Length > 0 ? Name : "unnamed filter")} (filter {Id})";
}
