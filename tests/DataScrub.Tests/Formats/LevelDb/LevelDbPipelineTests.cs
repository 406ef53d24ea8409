using DataScrub.Formats.Buffers;
using System.Text;
using DataScrub.Findings;
using DataScrub.Formats.Caffe;
using DataScrub.Formats.LevelDb;
using DataScrub.Pipeline;
using DataScrub.Tests.Shared;
using DataScrub.Images;

namespace DataScrub.Tests.Formats.LevelDb;

/// <summary>Pooled block buffers go back to the pool while other batches are still in flight: if one went
/// back too early, another block's bytes would overwrite it and the planted NaN positions would come out wrong.</summary>
public class LevelDbPipelineTests
{
    [Fact]
    public void Scan_ManyThreadsTinyBatches_FindsExactlyThePlantedNaN()
    {
        using var temp = new TempDirectory();
        var planted = new Dictionary<string, int>();
        var random = new Random(5);
        var records = new List<(byte[], byte[])>();
        for (var i = 0; i < 2000; i++)
        {
            var key = $"{i:D8}_f";
            var values = new float[300];
            for (var j = 0; j < values.Length; j++) values[j] = j % 7;
            if (i % 3 == 0)
            {
                var at = random.Next(values.Length);
                values[at] = float.NaN;
                planted[key] = at;
            }
            records.Add((Encoding.UTF8.GetBytes(key), CaffeDatumCodec.Serialize(CaffeDatumCodec.Float(1, 1, 300, values, i % 10))));
        }
        var dir = LevelDbWriterReaderTests.Write(temp.Combine("db"), records, new LevelDbWriterOptions { BlockSize = 4096, TableSize = 64 * 1024 });

        foreach (var threads in new[] { 1, 4 })
        {
            using var reader = LevelDbReader.Open(dir);
            var report = ScrubPipeline.Run(reader, new ScrubOptions
            {
                Checks = StandardChecks.Default,
                Threads = threads, BatchMaxSamples = 3, MaxFindingsPerKind = 10_000,
                // The records repeat (values j % 7, labels i % 10): only the NaN matter here.
                Analysis = new DataScrub.Analysis.AnalysisOptions { Duplicates = false },
            });

            Assert.Equal(2000, report.Samples);
            var found = report.Findings.Where(f => f.Kind == FindingKinds.Nan).ToDictionary(f => f.Sample!, f => (int)f.Index!.Value);
            Assert.Equal(planted.OrderBy(p => p.Key), found.OrderBy(p => p.Key));
            Assert.Equal(report.Findings.Count(f => f.SampleIndex is not null), found.Count);
        }
    }

    [Fact]
    public void PooledBuffer_ReleasedMoreThanReferenced_Throws()
    {
        var block = PooledBuffer.Rent(16);
        block.AddReference();
        block.Release();
        block.Release();

        Assert.Throws<ObjectDisposedException>(() => block.Bytes);
        Assert.Throws<InvalidOperationException>(block.Release);
        Assert.Throws<InvalidOperationException>(block.AddReference);
    }
}
