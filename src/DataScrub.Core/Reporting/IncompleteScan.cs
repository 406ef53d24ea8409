namespace DataScrub.Reporting;

/// <summary>
/// What a report of a scan that ended early says of its end (<c>"complete": false</c>): why, where it stopped (the
/// dataset, the first unit not scanned whole of its units, the samples scanned and the last one's id), and how to go on.
/// </summary>
/// <param name="Reason"><c>SIGINT</c>, <c>SIGTERM</c> or <c>store-error</c>.</param>
/// <param name="Message">The reason in words (a store error's message).</param>
/// <param name="Dataset">The dataset the scan was in; the ones after it were not started.</param>
/// <param name="NextUnit">The first unit of <paramref name="Dataset"/> not scanned whole (a resumed scan starts there).</param>
/// <param name="Units">The dataset's units.</param>
/// <param name="Samples">Samples of the dataset scanned, in this run and the runs it resumed.</param>
/// <param name="LastSample">The id of the last sample scanned, null when none was.</param>
/// <param name="State">The state file a resume reads (beside the report), null when the scan cannot be resumed.</param>
/// <param name="Resume">The command line that resumes it, null when it cannot be resumed.</param>
public sealed record IncompleteScan(string Reason, string Message, string Dataset, long NextUnit, long Units, long Samples, string? LastSample,
    string? State, string? Resume);
