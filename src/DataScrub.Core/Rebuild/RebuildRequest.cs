using DataScrub.Formats;
using DataScrub.Pipeline;

namespace DataScrub.Rebuild;

/// <summary>One <c>datascrub rebuild</c>: what to read, how to scan it, what to drop, where to write.</summary>
/// <param name="Format">The source's format name, or <c>auto</c>.</param>
/// <param name="Force">Replace an existing destination (only at the final, atomic step).</param>
/// <param name="DryRun">Scan and report what would be dropped and written; write nothing.</param>
/// <param name="To">The format to write (<c>--to</c>); null = the source's.</param>
/// <param name="ShuffleSeed">Write in a seeded random order (<c>--shuffle --seed N</c>); null = storage order.</param>
public sealed record RebuildRequest(
    string Source,
    string Destination,
    string Format,
    ReaderOptions ReaderOptions,
    ScrubOptions ScanOptions,
    DropRule Drop,
    bool Force,
    bool DryRun,
    string? To = null,
    int? ShuffleSeed = null);
