namespace DataScrub.Rebuild;

/// <summary>A temporary left by an interrupted rebuild of the same destination, found before the scan: removed
/// (or, in a dry run, only found). The engine reports it as it goes, so that it is said before anything else fails.</summary>
public sealed record StaleTemporary(string Path, string Destination, bool Removed);
