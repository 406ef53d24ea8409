using DataScrub.Formats.LevelDb;

namespace DataScrub.Fuzz.Harnesses;

/// <summary>A LevelDB table block (data or index) walked entry by entry: restart array, shared/unshared key lengths,
/// value lengths. The iterator reports damage as an error message, never by throwing.</summary>
public sealed class LevelDbBlockHarness : IFuzzHarness
{
    public string Name => "leveldb-block";

    public string Description => "LevelDB table blocks (BlockIterator): restarts, prefix-compressed keys, values";

    public IReadOnlyList<string> Instrumented { get; } = ["DataScrub.Formats:DataScrub.Formats.LevelDb"];

    public IEnumerable<FuzzSeed> Seeds(RepositoryFiles files)
    {
        // The index block and the first data block of each fixture table, as stored (uncompressed tables only: a
        // Snappy-compressed block is not what the iterator reads).
        foreach (var path in files.Under("fixtures/leveldb", "*.ldb"))
        {
            var table = File.ReadAllBytes(Path.Combine(files.Root, path));
            if (table.Length < TableFooter.Size || !TableFooter.TryDecode(table.AsSpan(table.Length - TableFooter.Size), out var footer, out _)) continue;
            var index = Slice(table, footer.Index);
            if (index is null) continue;
            yield return new FuzzSeed(FuzzSeed.NameOf(path) + ".index", index);
            var position = 0;
            var iterator = BlockIterator.Create(index, index.Length, out _);
            if (iterator is not null && iterator.MoveNext(out _) && BlockHandle.TryDecode(iterator.Value, ref position, out var first)
                && Slice(table, first) is { } data)
                yield return new FuzzSeed(FuzzSeed.NameOf(path) + ".data0", data);
        }
    }

    public void Run(byte[] input)
    {
        var iterator = BlockIterator.Create(input, input.Length, out _);
        if (iterator is null) return;
        var entries = 0;
        while (iterator.MoveNext(out _))
        {
            // Touch what a reader touches: the key and the value's bytes.
            _ = iterator.Key.Length + iterator.Value.Length;
            if (++entries > input.Length)
                throw new FuzzDefectException($"{entries} entries from a block of {input.Length} bytes: the iterator is not advancing");
        }
    }

    /// <summary>An uncompressed block's contents (without its 5-byte trailer), or null.</summary>
    private static byte[]? Slice(byte[] table, BlockHandle handle)
    {
        if (handle.Offset + handle.Size + BlockHandle.TrailerSize > (ulong)table.Length) return null;
        if (table[(int)(handle.Offset + handle.Size)] != 0) return null;
        return table.AsSpan((int)handle.Offset, (int)handle.Size).ToArray();
    }
}
