using DataScrub.Formats.Buffers;
using DataScrub.Findings;
using DataScrub.Samples;

namespace DataScrub.Formats.LevelDb;

/// <summary>The tables of one level ≥ 1 (disjoint key ranges) read one after another in key order, so a
/// level costs one open file at a time however many tables it has.</summary>
internal sealed class LevelIterator(IReadOnlyList<Func<TableReader?>> tables) : IInternalIterator
{
    private int _next;
    private TableReader? _current;

    public ReadOnlySpan<byte> UserKey => _current!.UserKey;

    public ulong Trailer => _current!.Trailer;

    public RecordBytes Value => _current!.Value;

    public PooledBuffer? ValueBlock => _current!.ValueBlock;

    public bool MoveNext()
    {
        while (true)
        {
            if (_current is not null && _current.MoveNext()) return true;
            _current?.Dispose();
            _current = null;
            if (_next >= tables.Count) return false;
            _current = tables[_next++]();
        }
    }

    public void Dispose() => _current?.Dispose();
}
