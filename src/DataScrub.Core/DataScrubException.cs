namespace DataScrub;

/// <summary>Root of the exceptions DataScrub throws on purpose.</summary>
public class DataScrubException : Exception
{
    public DataScrubException(string message) : base(message) { }

    public DataScrubException(string message, Exception? inner) : base(message, inner) { }
}
