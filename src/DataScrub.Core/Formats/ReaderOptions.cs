namespace DataScrub.Formats;

/// <summary>What the user chose about the dataset's contents; formats ignore what does not apply to them.</summary>
/// <param name="DataNames">HDF5: the datasets to scan as data (Caffe top names); null = every dataset but the label.</param>
/// <param name="LabelName">HDF5: the label dataset; null = <c>label</c> when present.</param>
/// <param name="Root">Images: the folder a listfile's relative paths start from; null = the listfile's folder.</param>
/// <param name="MaskRoot">Images: a folder of segmentation masks, one per image at the same relative path (any image extension, .png first).</param>
/// <param name="Shard">Read only this shard's units (<see cref="Sharding.ShardSpec.UnitsOf"/>), and only about that part of the
/// store's bytes; sample indices then count from 0 within the shard. Null: the whole dataset.</param>
public sealed record ReaderOptions(IReadOnlyList<string>? DataNames = null, string? LabelName = null, string? Root = null, string? MaskRoot = null, Sharding.ShardSpec? Shard = null)
{
    /// <summary>HDF5 source lists: where the trainer opens a listed relative path that is not beside the list (Caffe
    /// opens it from the directory it runs in: <c>scan --net --workdir</c>); null = this process's directory.</summary>
    public string? WorkingDirectory { get; init; }

    public static ReaderOptions Default { get; } = new();
}
