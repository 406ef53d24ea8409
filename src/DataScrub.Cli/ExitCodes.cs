namespace DataScrub.Cli;

/// <summary>The process exit codes: a contract with the pipelines that run DataScrub.</summary>
public static class ExitCodes
{
    /// <summary>No finding at or above <c>--fail-on</c>.</summary>
    public const int Clean = 0;

    /// <summary>Findings at or above <c>--fail-on</c>.</summary>
    public const int Findings = 1;

    /// <summary>Bad command line.</summary>
    public const int Usage = 2;

    /// <summary>A dataset could not be read at all (missing path, unknown format, damaged store, no liblmdb).</summary>
    public const int Unreadable = 3;

    /// <summary>A bug in DataScrub (an exception it did not expect); the message asks for a report.</summary>
    public const int InternalError = 4;

    /// <summary>Interrupted (Ctrl-C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;

    /// <summary>Terminated (SIGTERM: Kubernetes stopping a pod), as shells report it (128 + 15).</summary>
    public const int Terminated = 143;
}
