namespace DataScrub.Formats;

/// <summary>What the user chose about the dataset's contents; formats ignore what does not apply to them.</summary>
/// <param name="DataNames">HDF5: the datasets to scan as data (Caffe top names); null = every dataset but the label.</param>
/// <param name="LabelName">HDF5: the label dataset; null = <c>label</c> when present.</param>
/// <param name="Root">Images: the folder a listfile's relative paths start from; null = the listfile's folder.</param>
public sealed record ReaderOptions(IReadOnlyList<string>? DataNames = null, string? LabelName = null, string? Root = null)
{
    public static ReaderOptions Default { get; } = new();
}
