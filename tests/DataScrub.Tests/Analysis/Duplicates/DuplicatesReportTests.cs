using DataScrub.Analysis;
using DataScrub.Formats.Caffe;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Analysis.Duplicates;

/// <summary>Duplicates: the same content and the same label, each named with the first sample it repeats.</summary>
public class DuplicatesReportTests
{
    private static List<(string Sample, string Of)> Pairs(System.Text.Json.JsonElement dataset) =>
        PipelineReport.Findings(dataset, "duplicate").Select(f => (f.GetProperty("sample").GetString()!, f.GetProperty("of").GetString()!)).ToList();

    [Fact]
    public void SameContentAndLabel_NamesTheFirstOccurrence_InStorageOrder()
    {
        var records = PipelineReport.Keyed([
            PipelineReport.Raw(1, 0),   // 00000000
            PipelineReport.Raw(2, 1),   // 00000001
            PipelineReport.Raw(1, 0),   // 00000002: repeats 00000000
            PipelineReport.Raw(1, 1),   // 00000003: same data, another label: not a duplicate
            PipelineReport.Raw(2, 1),   // 00000004: repeats 00000001
            PipelineReport.Raw(1, 0),   // 00000005: repeats 00000000 again
            PipelineReport.Raw(3, 2),
        ]);

        var dataset = PipelineReport.Scan(records, new AnalysisOptions { BatchSizes = [2] });

        Assert.Equal([("00000002", "00000000"), ("00000004", "00000001"), ("00000005", "00000000")], Pairs(dataset));
        Assert.All(PipelineReport.Findings(dataset, "duplicate"), f => Assert.Equal("warning", f.GetProperty("severity").GetString()));
    }

    [Fact]
    public void PackedAndUnpackedFloatData_AreTheSameContent()
    {
        // float_data serialized packed (one length-delimited run) holds the same floats as Caffe's unpacked form.
        float[] values = [0.5f, -1f, 2f, 0.25f];
        var unpacked = CaffeDatumCodec.Serialize(CaffeDatumCodec.Float(1, 2, 2, values, 1));
        var packed = new List<byte> { 0x08, 0x01, 0x10, 0x02, 0x18, 0x02, 0x32, 16 };
        foreach (var v in values) packed.AddRange(BitConverter.GetBytes(v));
        packed.AddRange([0x28, 0x01]);
        Assert.Equal(values, CaffeDatumCodec.Parse(packed.ToArray()).FloatData);

        var dataset = PipelineReport.Scan(PipelineReport.Keyed([unpacked, PipelineReport.Raw(9, 0), packed.ToArray()]), new AnalysisOptions { BatchSizes = [2] });

        Assert.Equal([("00000002", "00000000")], Pairs(dataset));
    }

    [Fact]
    public void Disabled_ReportsNone()
    {
        var records = PipelineReport.Keyed([PipelineReport.Raw(1, 0), PipelineReport.Raw(1, 0)]);

        Assert.Empty(Pairs(PipelineReport.Scan(records, new AnalysisOptions { BatchSizes = [2], Duplicates = false })));
    }
}
