namespace DataScrub.Files;

/// <summary>A file DataScrub was asked to write could not be written.</summary>
/// <param name="reason">The system's reason, lowercase ("permission denied").</param>
public sealed class FileWriteException(string path, string reason, Exception? inner = null) : DataScrubException($"{path}: {reason}", inner)
{
    public string Path { get; } = path;

    public string Reason { get; } = reason;
}
