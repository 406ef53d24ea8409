using DataScrub.Formats.Buffers;
using DataScrub.Samples;

namespace DataScrub.Formats.LevelDb;

/// <summary>One sorted source of internal entries (a table, a level, the log's memtable) for the merge.</summary>
internal interface IInternalIterator : IDisposable
{
    /// <summary>Advances to the next entry; false at the end. Damage is reported as findings, not thrown.</summary>
    bool MoveNext();

    ReadOnlySpan<byte> UserKey { get; }

    /// <summary><c>(sequence &lt;&lt; 8) | type</c>.</summary>
    ulong Trailer { get; }

    /// <summary>The value; valid until the iterator moves on, or for longer while <see cref="ValueBlock"/> is referenced.</summary>
    RecordBytes Value { get; }

    /// <summary>The pooled block holding <see cref="Value"/>, or null when the value's memory is never reused.</summary>
    PooledBuffer? ValueBlock { get; }
}
