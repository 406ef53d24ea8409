namespace DataScrub.Analysis.Duplicates;

/// <summary>
/// Sample ids kept for the whole scan, packed into large character chunks instead of one string object
/// each: millions of retained strings would be promoted through every GC generation and make each full
/// collection walk them; chunks hold no references.
/// </summary>
internal sealed class SampleIdArena
{
    private const int ChunkLength = 1 << 20;
    private readonly List<char[]> _chunks = [];
    private int _used = ChunkLength;

    public readonly record struct Handle(int Chunk, int Offset, int Length);

    public Handle Add(string id)
    {
        if (id.Length > ChunkLength - _used)
        {
            _chunks.Add(new char[Math.Max(ChunkLength, id.Length)]);
            _used = 0;
        }
        id.CopyTo(_chunks[^1].AsSpan(_used));
        var handle = new Handle(_chunks.Count - 1, _used, id.Length);
        _used += id.Length;
        return handle;
    }

    public string Get(Handle handle) => new(_chunks[handle.Chunk], handle.Offset, handle.Length);
}
