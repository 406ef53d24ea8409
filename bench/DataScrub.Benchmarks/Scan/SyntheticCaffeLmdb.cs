using DataScrub.Formats.Caffe;
using DataScrub.Formats.Lmdb;
using LightningDB;

namespace DataScrub.Benchmarks.Scan;

/// <summary>
/// Writes a Caffe-shaped LMDB for the throughput benchmark: raw 3x32x32 uint8 Datums (CIFAR-sized) and
/// float_data Datums of 3072 floats, keys <c>%08d_%s</c> as convert_imageset writes them, with a NaN
/// planted in every 1000th float record. Written in 1000-put transactions like Caffe, growing the map
/// on MDB_MAP_FULL like Caffe's DoubleMapSize.
/// </summary>
internal static class SyntheticCaffeLmdb
{
    public static void Write(string directory, int rawCount, int floatCount, int seed = 1)
    {
        LmdbNativeLibrary.EnsureLoaded();
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var total = rawCount + floatCount;
        // Interleave the two kinds so that both are spread across the key range.
        var floatEvery = floatCount == 0 ? int.MaxValue : Math.Max(1, total / floatCount);
        using var env = new LightningEnvironment(directory, new EnvironmentConfiguration { MapSize = 1L << 28 });
        env.Open();
        var pixels = new byte[3 * 32 * 32];
        var floats = new float[3 * 32 * 32];
        int writtenFloat = 0, i = 0;
        var batch = new List<(byte[] Key, byte[] Value)>(1000);
        while (i < total)
        {
            batch.Clear();
            for (; batch.Count < 1000 && i < total; i++)
            {
                var isFloat = writtenFloat < floatCount && (i % floatEvery == 0 || total - i <= floatCount - writtenFloat);
                byte[] value;
                if (isFloat)
                {
                    for (var j = 0; j < floats.Length; j++) floats[j] = (float)(random.NextDouble() * 2 - 1);
                    if (writtenFloat % 1000 == 999) floats[random.Next(floats.Length)] = float.NaN;
                    value = CaffeDatumCodec.Serialize(CaffeDatumCodec.Float(3, 32, 32, floats, random.Next(10)));
                    writtenFloat++;
                }
                else
                {
                    random.NextBytes(pixels);
                    value = CaffeDatumCodec.Serialize(CaffeDatumCodec.Raw(3, 32, 32, pixels, random.Next(10)));
                }
                batch.Add((System.Text.Encoding.UTF8.GetBytes($"{i:D8}_class{i % 10}/{i:D6}.png"), value));
            }
            while (!TryCommit(env, batch))
                env.MapSize *= 2;
        }
    }

    private static bool TryCommit(LightningEnvironment env, List<(byte[] Key, byte[] Value)> batch)
    {
        using var tx = env.BeginTransaction();
        using var db = tx.OpenDatabase(configuration: new DatabaseConfiguration { Flags = DatabaseOpenFlags.Create });
        foreach (var (key, value) in batch)
        {
            var code = tx.Put(db, key, value);
            if (code == MDBResultCode.MapFull) return false;
            if (code != MDBResultCode.Success) throw new InvalidOperationException($"LMDB put failed: {code}");
        }
        var commit = tx.Commit();
        if (commit == MDBResultCode.MapFull) return false;
        if (commit != MDBResultCode.Success) throw new InvalidOperationException($"LMDB commit failed: {commit}");
        return true;
    }
}
