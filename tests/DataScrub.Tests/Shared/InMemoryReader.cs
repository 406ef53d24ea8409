using System.Text;
using DataScrub.Formats;
using DataScrub.Formats.Caffe;
using DataScrub.Samples;

namespace DataScrub.Tests.Shared;

/// <summary>A reader over records held in memory, for pipeline tests that need many samples.</summary>
public sealed class InMemoryReader(IReadOnlyList<(string Key, byte[] Value)> records, Exception? failAfter = null, int failAt = -1) : IDatasetReader
{
    public DatasetInfo Info { get; } = new("memory", "memory", records.Count);

    public IReadOnlyList<DataScrub.Findings.Finding> StoreFindings { get; } = [];

    public IEnumerable<Sample> ReadSamples(CancellationToken cancellationToken)
    {
        for (var i = 0; i < records.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i == failAt) throw failAfter!;
            yield return new Sample(i, new RecordBytes(Encoding.UTF8.GetBytes(records[i].Key)), new RecordBytes(records[i].Value), CaffeDatumDecoder.Instance);
        }
    }

    public void Dispose() { }

    /// <summary>Caffe-like records with NaN, Inf, wrong lengths and garbage planted by a seeded RNG.</summary>
    public static List<(string Key, byte[] Value)> Synthetic(int count, int seed)
    {
        var random = new Random(seed);
        var records = new List<(string, byte[])>(count);
        for (var i = 0; i < count; i++)
        {
            var key = $"{i:D8}_img{i}.jpg";
            var roll = random.Next(100);
            byte[] value;
            if (roll < 50)
            {
                var data = new byte[roll < 3 ? 47 : 48];
                random.NextBytes(data);
                value = CaffeDatumCodec.Serialize(CaffeDatumCodec.Raw(3, 4, 4, data, random.Next(10)));
            }
            else if (roll < 98)
            {
                var floats = new float[random.Next(2) == 0 ? 48 : 3072];
                for (var j = 0; j < floats.Length; j++) floats[j] = (float)random.NextDouble();
                if (roll < 60) floats[random.Next(floats.Length)] = float.NaN;
                if (roll is >= 58 and < 63) floats[random.Next(floats.Length)] = float.NegativeInfinity;
                var (c, h, w) = floats.Length == 48 ? (3, 4, 4) : (3, 32, 32);
                value = CaffeDatumCodec.Serialize(CaffeDatumCodec.Float(c, h, w, floats, random.Next(10)));
            }
            else
            {
                value = [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01];
            }
            records.Add((key, value));
        }
        return records;
    }
}
