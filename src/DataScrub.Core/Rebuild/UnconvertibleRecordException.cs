namespace DataScrub.Rebuild;

/// <summary>A surviving record cannot be decoded for a conversion (not a Datum); dropping it is the way out.</summary>
/// <param name="sampleId">The record's id as reports show it.</param>
/// <param name="reason">Why it cannot be decoded.</param>
public sealed class UnconvertibleRecordException(string sampleId, string reason)
    : RebuildException($"{sampleId}: {reason}: cannot convert", isUsage: false)
{
    public string SampleId { get; } = sampleId;

    public string Reason { get; } = reason;
}
