namespace DataScrub.Records;

/// <summary>
/// Turns one stored record into <see cref="SampleContent"/>. A decoder knows a record encoding (the
/// caffe Datum), not a store and not the checks. It runs on worker threads, so it must be thread-safe
/// and keep all per-sample state in the content it is given.
/// </summary>
public interface IRecordDecoder
{
    /// <summary>The encoding name, for messages (<c>caffe.Datum</c>).</summary>
    string Name { get; }

    /// <summary>Fills <paramref name="content"/> (already reset) from <paramref name="record"/>.</summary>
    /// <returns>Null on success, else why the record is unreadable (becomes an <c>unreadable-record</c> finding).</returns>
    string? Decode(ReadOnlySpan<byte> record, SampleContent content);
}
