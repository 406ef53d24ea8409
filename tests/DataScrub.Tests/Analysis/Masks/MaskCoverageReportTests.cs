using System.Text.Json;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Analysis.Masks;

/// <summary>The empty-mask fraction and the chance that a shuffled batch holds only empty masks (a DICE loss of 0/0).</summary>
public class MaskCoverageReportTests
{
    [Fact]
    public void Hdf5Masks_EmptyFractionAndAllEmptyBatchProbability_AreExact()
    {
        using var temp = new TempDirectory();
        // 10 masks of 4x4; rows 1, 4, 5 and 8 empty.
        var masks = new byte[10 * 16];
        int[] empty = [1, 4, 5, 8];
        for (var row = 0; row < 10; row++)
            if (!empty.Contains(row)) masks[row * 16 + row % 16] = (byte)(1 + row % 2);
        var path = TestHdf5.Write(temp, "masks.h5", 10, new TestHdf5.Dataset("label", masks, [10, 4, 4]));

        var run = CliRun.InProcess("scan", path, "--json", "-", "--quiet", "--fail-on", "never", "--batch-size", "2,4");

        using var doc = JsonDocument.Parse(run.Out);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        var coverage = dataset.GetProperty("masks");
        Assert.Equal((10L, 4L), (coverage.GetProperty("masks").GetInt64(), coverage.GetProperty("empty").GetInt64()));
        Assert.Equal(0.4, coverage.GetProperty("emptyFraction").GetDouble(), 1e-15);
        // C(4, B) / C(10, B): 6/45 for a batch of 2, 1/210 for 4.
        var allEmpty = coverage.GetProperty("allEmptyBatchProbability");
        Assert.Equal(6.0 / 45, allEmpty.GetProperty("2").GetDouble(), 1e-12);
        Assert.Equal(1.0 / 210, allEmpty.GetProperty("4").GetDouble(), 1e-12);
        Assert.Equal(["masks.h5#1", "masks.h5#4", "masks.h5#5", "masks.h5#8"],
            PipelineReport.Findings(dataset, "empty-mask").Select(f => f.GetProperty("sample").GetString()));
    }
}
