using DataScrub.Findings;
using DataScrub.Records;

namespace DataScrub.Checks;

/// <summary>
/// A per-sample check. Pure: no I/O, no shared mutable state, so one instance serves every worker. It reads the
/// decoded sample and writes only to <see cref="SampleObservations"/>: findings, and the typed observations the
/// dataset analyses use. A check knows a payload kind (float fields, declared shapes), never a storage format.
/// </summary>
public interface ICheck
{
    /// <summary>Stable kebab-case id (<c>non-finite</c>).</summary>
    string Id { get; }

    /// <param name="content">The decoded sample.</param>
    /// <param name="record">The record the content was decoded from (fields may be slices of it).</param>
    /// <param name="findings">Receives what this check finds in this sample.</param>
    void Inspect(SampleContent content, ReadOnlySpan<byte> record, SampleObservations findings);
}
