namespace DataScrub.Sharding;

/// <summary>A shard's state file cannot be used by <c>merge</c>: damaged, from another scan, or missing.</summary>
public sealed class ShardStateException(string path, string message) : DataScrubException($"{path}: {message}")
{
    public string Path { get; } = path;
}
