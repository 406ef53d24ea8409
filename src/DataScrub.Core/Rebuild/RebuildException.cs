namespace DataScrub.Rebuild;

/// <summary>A rebuild that cannot start (bad destination) or did not finish (write or verification failed).
/// Nothing was put in place; the source is untouched.</summary>
/// <param name="isUsage">True when the request itself is wrong (destination exists, inside the source).</param>
public class RebuildException(string message, bool isUsage, Exception? inner = null) : DataScrubException(message, inner)
{
    public bool IsUsage { get; } = isUsage;
}
