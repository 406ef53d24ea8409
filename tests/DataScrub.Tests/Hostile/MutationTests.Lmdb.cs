using System.Buffers.Binary;
using DataScrub.Formats.Lmdb;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Hostile;

public sealed partial class MutationTests
{
    private static readonly string[] LmdbFixtures =
        [Fixtures.Lmdb.Good.Clean, Fixtures.Lmdb.Bad.Mixed, Fixtures.Lmdb.Bad.EncodedMixed, Fixtures.Lmdb.Labels.Classes, Fixtures.Lmdb.Labels.Float];

    /// <summary>
    /// data.mdb damaged (meta pages, page headers, node offsets and sizes, overflow page counts, values), then opened and
    /// read to the end by <see cref="LmdbReader"/> and liblmdb in this process. liblmdb trusts its pages, so damage the
    /// tree validator misses kills the test host with SIGSEGV/SIGBUS rather than failing a case: that is the bug this test
    /// exists to find. The documented error is <see cref="DatasetUnreadableException"/>.
    /// </summary>
    [Fact]
    public void Lmdb_EveryFixture_ReadsOrRefusesWithoutCrashing()
    {
        const int perStore = 200;
        var stores = LmdbFixtures.Select((f, i) => new MutableStore(f, 18_300 + 10 * i, name => name == "data.mdb", LmdbHotOffsets)).ToList();
        try
        {
            Run("lmdb").Run(stores.Count * perStore, i =>
            {
                var store = stores[i % stores.Count];
                var description = store.Damage(i / stores.Count);
                return new MutationCase($"{LmdbFixtures[i % stores.Count]}/{description}", () => Scan(store.Path, LmdbFormat.FormatName));
            }, IsUnreadable);
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    /// <summary>The meta pages' page size, root, entry count, last page and transaction id; every page's header (flags,
    /// lower/upper, the overflow page count that shares their place) and its first node pointers and node headers.</summary>
    private static IReadOnlyList<int> LmdbHotOffsets(string file, byte[] bytes)
    {
        var pageSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(LmdbMetaPage.PageHeaderSize + 24));
        var hot = new List<int>();
        foreach (var meta in new[] { 0, pageSize })
            foreach (var field in new[] { 20, 40, 88 + 6, 88 + 32, 88 + 40, 136, 144 })
                hot.Add(meta + field);
        for (var page = 2 * pageSize; page + pageSize <= bytes.Length; page += pageSize)
        {
            hot.AddRange([page + 10, page + 12, page + 14]);
            var lower = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(page + 12));
            for (var pointer = page + LmdbMetaPage.PageHeaderSize; pointer < page + Math.Min(lower, (ushort)64); pointer += 2)
            {
                hot.Add(pointer);
                var node = page + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(pointer));
                if (node + 8 <= page + pageSize) hot.AddRange([node, node + 2, node + 4, node + 6]);
            }
        }
        return hot;
    }
}
