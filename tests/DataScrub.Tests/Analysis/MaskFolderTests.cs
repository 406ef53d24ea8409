using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Analysis;

/// <summary>An image folder with a mask folder beside it (fixtures/make_mask_fixtures.py, PIL palette and
/// grayscale PNGs): empty masks, a missing mask and a cut one, exactly.</summary>
public class MaskFolderTests
{
    [Fact]
    public void Scan_WithMasks_ReportsExactlyTheEmptyMissingAndBrokenMasks()
    {
        using var expectedDoc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("masks", "expected.json")));
        var expected = expectedDoc.RootElement;

        var run = CliRun.InProcess("scan", Fixtures.Path("masks", "images"), "--masks", Fixtures.Path("masks", "masks"),
            "--json", "-", "--quiet", "--fail-on", "never", "--batch-size", "2,4");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        var actual = dataset.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("sample").ValueKind == JsonValueKind.String)
            .Select(f => (f.GetProperty("sample").GetString(), f.GetProperty("kind").GetString(), f.GetProperty("field").GetString())).Order().ToList();
        var planted = expected.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("sample").GetString(), f.GetProperty("kind").GetString(), f.GetProperty("field").GetString())).Order().ToList();
        Assert.Equal(planted, actual);
        Assert.Equal(expected.GetProperty("samples").GetInt64(), dataset.GetProperty("samples").GetInt64());

        var masks = dataset.GetProperty("masks");
        var (total, empty) = (expected.GetProperty("masks").GetInt64(), expected.GetProperty("emptyMasks").GetInt64());
        Assert.Equal(total, masks.GetProperty("masks").GetInt64());
        Assert.Equal(empty, masks.GetProperty("empty").GetInt64());
        // A whole shuffled batch of 2 is empty with probability C(3,2)/C(10,2) = 3/45.
        Assert.Equal(3.0 / 45, masks.GetProperty("allEmptyBatchProbability").GetProperty("2").GetDouble(), 12);
        Assert.Equal(0.0, masks.GetProperty("allEmptyBatchProbability").GetProperty("4").GetDouble()); // 4 > 3 empty masks
    }

    [Fact]
    public void Scan_MaskFolderMissing_IsExit3OnOneLine()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path("masks", "images"), "--masks", "/nonexistent/masks");

        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
    }
}
