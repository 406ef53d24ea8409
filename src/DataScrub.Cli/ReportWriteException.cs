namespace DataScrub.Cli;

/// <summary>The report could not be written (bad --json path, disk full): exit 2, since the scan itself was fine
/// but the command line asked for something impossible.</summary>
public sealed class ReportWriteException(string message, Exception inner) : DataScrubException(message, inner);
