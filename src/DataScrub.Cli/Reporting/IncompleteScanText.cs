using System.Globalization;
using DataScrub.Reporting;

namespace DataScrub.Cli.Reporting;

/// <summary>What every sink says of a scan that ended early: plainly first, so a partial report is not read as a
/// whole one.</summary>
internal static class IncompleteScanText
{
    /// <summary>One sentence: why, where, and that the report covers only what was scanned.</summary>
    public static string Describe(IncompleteScan incomplete)
    {
        var why = incomplete.Reason == "store-error" ? $"stopped by a store error ({incomplete.Message})" : $"interrupted by {incomplete.Reason}";
        var last = incomplete.LastSample is { } key ? $", the last {key}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"INCOMPLETE: the scan was {why} in {incomplete.Dataset} after {incomplete.Samples} samples{last} (unit {incomplete.NextUnit} of {incomplete.Units}); this report covers only what was scanned");
    }

    /// <summary>How to go on: the resume command line, or why there is none.</summary>
    public static string Next(IncompleteScan incomplete) =>
        incomplete.Resume is { } command ? $"resume with: {command}" : "it cannot be resumed: scan again once the dataset is readable";
}
