namespace DataScrub.Pipeline;

/// <summary>Why a scan ended before the dataset's end.</summary>
public enum ScanStopReason
{
    /// <summary>The caller asked it to stop (a signal): it stopped at the end of a unit, so the units before
    /// <see cref="ScanStop.NextUnit"/> are scanned whole and a resumed scan reads from there.</summary>
    Requested,

    /// <summary>The store failed under the reader (the dataset became unreadable, an I/O error): the samples read
    /// before it are scanned, the unit it was in only in part.</summary>
    StoreError,
}

/// <summary>Where a scan stopped (<see cref="ScrubPipeline.RunStoppable"/>): what a report of the scanned part says of
/// its end, and what a resumed scan starts from.</summary>
/// <param name="NextUnit">The first unit not scanned whole: a resumed scan reads from it.</param>
/// <param name="Units">The dataset's units (<see cref="Samples.DatasetInfo.Units"/>).</param>
/// <param name="Samples">Samples this run scanned.</param>
/// <param name="LastSample">The id of the last sample scanned (as reports show it), null when none was.</param>
/// <param name="Error">The store's error (<see cref="ScanStopReason.StoreError"/>), else null.</param>
public sealed record ScanStop(ScanStopReason Reason, long NextUnit, long Units, long Samples, string? LastSample, Exception? Error);
