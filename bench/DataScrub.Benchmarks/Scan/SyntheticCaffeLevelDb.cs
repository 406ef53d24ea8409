using DataScrub.Formats.LevelDb;
using DataScrub.Formats.Lmdb;

namespace DataScrub.Benchmarks.Scan;

/// <summary>The benchmark's LevelDB: exactly the records of the generated LMDB (same keys, same Datum
/// bytes), written by DataScrub's LevelDB writer with Caffe's 64 KiB blocks and Snappy.</summary>
internal static class SyntheticCaffeLevelDb
{
    public static void CopyFromLmdb(string lmdbDirectory, string levelDbDirectory)
    {
        using var lmdb = LmdbReader.Open(lmdbDirectory);
        using var writer = LevelDbWriter.Create(levelDbDirectory);
        foreach (var sample in lmdb.ReadSamples(CancellationToken.None))
            writer.Put(sample.Key.Span, sample.Record.Span);
        writer.Complete();
    }
}
