namespace DataScrub;

/// <summary>
/// A dataset that cannot be read as a whole (missing path, unknown format, damaged store, missing
/// native library). The command line turns it into one stderr line and exit code 3. Defects in single
/// records are findings, never this. Subclasses say why in a form the command line can put in its own words
/// (which option to give).
/// </summary>
public class DatasetUnreadableException : DataScrubException
{
    public DatasetUnreadableException(string path, string reason, Exception? inner = null)
        : base($"{path}: {reason}", inner)
    {
        Path = path;
        Reason = reason;
    }

    public string Path { get; }

    public string Reason { get; }
}
