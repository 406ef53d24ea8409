using System.Buffers.Binary;
using DataScrub.Formats.LevelDb;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Hostile;

public sealed partial class MutationTests
{
    private static readonly string[] LevelDbFixtures =
        [Fixtures.LevelDb.Good.Uncompressed, Fixtures.LevelDb.Bad.Mixed, Fixtures.LevelDb.Bad.Damaged, Fixtures.LevelDb.Bad.EncodedMixed];

    /// <summary>Whole stores: one file damaged per case (tables, logs, MANIFEST, CURRENT), half the cases with the
    /// block and fragment checksums recomputed so the damage reaches the block, Snappy, write-batch and version-edit
    /// parsers behind them. The reader's documented error is <see cref="DatasetUnreadableException"/>; damage inside a
    /// table or log is a corrupt-store finding.</summary>
    [Fact]
    public void LevelDb_EveryFixture_ReadsWithFindingsOrRefuses()
    {
        const int perStore = 150;
        var stores = LevelDbFixtures.Select((f, i) => new MutableStore(f, 18_100 + 10 * i, name => name != "LOCK", LevelDbHotOffsets)).ToList();
        try
        {
            Run("leveldb").Run(stores.Count * perStore, i =>
            {
                var store = stores[i % stores.Count];
                var description = store.Damage(i / stores.Count, ResealLevelDb);
                return new MutationCase($"{LevelDbFixtures[i % stores.Count]}/{description}", () => Scan(store.Path, LevelDbFormat.FormatName));
            }, IsUnreadable);
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    /// <summary>The parsers under the reader, fed their own records damaged: the MANIFEST's version edits
    /// (<see cref="VersionEdit.Decode"/>), the log's write batches (<see cref="WriteBatchDecoder"/>), the tables' blocks
    /// (<see cref="BlockIterator"/>, restart counts included) and footers (<see cref="TableFooter"/>). None may throw:
    /// each reports damage by its return value.</summary>
    [Fact]
    public void LevelDb_RecordsBlocksAndFooters_ReportDamageWithoutThrowing()
    {
        var edits = new List<byte[]>();
        var batches = new List<byte[]>();
        var blocks = new List<byte[]>();
        var footers = new List<byte[]>();
        foreach (var fixture in LevelDbFixtures)
        {
            foreach (var file in Directory.GetFiles(Fixtures.Path(fixture)))
            {
                var name = Path.GetFileName(file);
                if (name.StartsWith("MANIFEST", StringComparison.Ordinal)) edits.AddRange(LogRecords(file));
                else if (name.EndsWith(".log", StringComparison.Ordinal)) batches.AddRange(LogRecords(file));
                else if (name.EndsWith(".ldb", StringComparison.Ordinal))
                {
                    var bytes = File.ReadAllBytes(file);
                    footers.Add(bytes[^TableFooter.Size..]);
                    foreach (var (offset, size) in TableBlocks(bytes))
                        if (bytes[offset + size] == 0) blocks.Add(bytes[offset..(offset + size)]); // uncompressed blocks as stored
                }
            }
        }
        var inputs = edits.Select(b => (Kind: "version edit", Bytes: b)).Concat(batches.Select(b => (Kind: "write batch", Bytes: b)))
            .Concat(blocks.Select(b => (Kind: "block", Bytes: b))).Concat(footers.Select(b => (Kind: "footer", Bytes: b)))
            .Select((input, i) => (input.Kind, Generator: new MutationGenerator(input.Bytes, 18_200 + i))).ToList();
        Assert.All(new[] { edits, batches, blocks, footers }, list => Assert.NotEmpty(list));

        Run("leveldb records").Run(6000, i =>
        {
            var (kind, generator) = inputs[i % inputs.Count];
            var (bytes, description) = generator.Case(i / inputs.Count);
            return new MutationCase($"{kind} {i % inputs.Count}: {description}", () => kind switch
            {
                "version edit" => VersionEdit.Decode(bytes, out _) is null,
                "write batch" => WriteBatchDecoder.Decode(bytes, (_, _, _, _) => { }) is not null,
                "footer" => !TableFooter.TryDecode(bytes, out _, out _),
                _ => WalkBlock(bytes),
            });
        }, _ => false);
    }

    private static bool WalkBlock(byte[] block)
    {
        var iterator = BlockIterator.Create(block, block.Length, out var error);
        if (iterator is null) return error is not null;
        var entries = 0;
        while (iterator.MoveNext(out error))
        {
            _ = iterator.Value.Length;
            // An entry takes at least 3 header bytes, so a walk longer than the block is a loop.
            Assert.True(++entries <= block.Length, "the block walk does not end");
        }
        return error is not null;
    }

    private static List<byte[]> LogRecords(string file)
    {
        using var stream = File.OpenRead(file);
        var reader = new LogReader(stream);
        var records = new List<byte[]>();
        while (reader.ReadRecord() is { } record) records.Add(record);
        return records;
    }

    /// <summary>Every block of a sound table (index, metaindex, data) as (offset, size without trailer).</summary>
    private static List<(int Offset, int Size)> TableBlocks(byte[] table)
    {
        var result = new List<(int, int)>();
        if (table.Length < TableFooter.Size || !TableFooter.TryDecode(table.AsSpan(table.Length - TableFooter.Size), out var footer, out _))
            return result;
        result.Add(((int)footer.MetaIndex.Offset, (int)footer.MetaIndex.Size));
        result.Add(((int)footer.Index.Offset, (int)footer.Index.Size));
        var index = table[(int)footer.Index.Offset..(int)(footer.Index.Offset + footer.Index.Size)];
        var iterator = BlockIterator.Create(index, index.Length, out _);
        while (iterator is not null && iterator.MoveNext(out _))
        {
            var p = 0;
            if (BlockHandle.TryDecode(iterator.Value, ref p, out var handle)) result.Add(((int)handle.Offset, (int)handle.Size));
        }
        return result;
    }

    /// <summary>Table footers and block trailers; log fragment headers (length and type).</summary>
    private static IReadOnlyList<int> LevelDbHotOffsets(string file, byte[] bytes)
    {
        if (file.EndsWith(".ldb", StringComparison.Ordinal))
        {
            var hot = Enumerable.Range(Math.Max(0, bytes.Length - TableFooter.Size), Math.Min(bytes.Length, TableFooter.Size)).ToList();
            foreach (var (offset, size) in TableBlocks(bytes)) hot.AddRange([offset, offset + size - 4, offset + size]);
            return hot;
        }
        return LogFragments(bytes).SelectMany(f => new[] { f.Header + 4, f.Header + 6, f.Header + LogFormat.HeaderSize }).ToList();
    }

    /// <summary>The fragment headers of a sound log: (header offset, payload length).</summary>
    private static List<(int Header, int Length)> LogFragments(byte[] log)
    {
        var result = new List<(int, int)>();
        for (var block = 0; block < log.Length; block += LogFormat.BlockSize)
        {
            var p = block;
            var end = Math.Min(log.Length, block + LogFormat.BlockSize);
            while (end - p >= LogFormat.HeaderSize)
            {
                var length = BinaryPrimitives.ReadUInt16LittleEndian(log.AsSpan(p + 4));
                if (length == 0 && log[p + 6] == 0 || p + LogFormat.HeaderSize + length > end) break;
                result.Add((p, length));
                p += LogFormat.HeaderSize + length;
            }
        }
        return result;
    }

    /// <summary>Recomputes, over the damaged bytes, the checksums at the places the sound file had them: each table block's
    /// masked CRC-32C of contents + type, each log fragment's of type + payload.</summary>
    private static byte[] ResealLevelDb(string file, byte[] original, byte[] damaged)
    {
        if (file.EndsWith(".ldb", StringComparison.Ordinal))
        {
            foreach (var (offset, size) in TableBlocks(original))
            {
                if (offset + size + BlockHandle.TrailerSize > damaged.Length) continue;
                var crc = LevelDbCrc32C.Finish(LevelDbCrc32C.Append(LevelDbCrc32C.Append(LevelDbCrc32C.Start, damaged.AsSpan(offset, size)), damaged[offset + size]));
                BinaryPrimitives.WriteUInt32LittleEndian(damaged.AsSpan(offset + size + 1), LevelDbCrc32C.Mask(crc));
            }
        }
        else if (file.EndsWith(".log", StringComparison.Ordinal) || Path.GetFileName(file).StartsWith("MANIFEST", StringComparison.Ordinal))
        {
            foreach (var (header, length) in LogFragments(original))
            {
                if (header + LogFormat.HeaderSize + length > damaged.Length) continue;
                var crc = LevelDbCrc32C.Finish(LevelDbCrc32C.Append(LevelDbCrc32C.Append(LevelDbCrc32C.Start, damaged[header + 6]),
                    damaged.AsSpan(header + LogFormat.HeaderSize, length)));
                BinaryPrimitives.WriteUInt32LittleEndian(damaged.AsSpan(header), LevelDbCrc32C.Mask(crc));
            }
        }
        return damaged;
    }
}
