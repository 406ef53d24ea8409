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
        using var expectedDoc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Masks.Expected)));
        var expected = expectedDoc.RootElement;

        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Masks.Images), "--masks", Fixtures.Path(Fixtures.Masks.Folder),
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
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Masks.Images), "--masks", "/nonexistent/masks");

        Assert.Equal(ExitCodes.Unreadable, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    /// <summary>PASCAL VOC-style palette masks (fixtures/make_voc_mask_fixtures.py): with K = 21 and the 255 border
    /// ignored, exactly the masks whose values PIL reads outside [0, 21) are out of range (same count and first
    /// index), and the mask of background and border only is empty.</summary>
    [Fact]
    public void Scan_VocMasks_AgreeWithPilOnRangeAndEmptiness()
    {
        using var expectedDoc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Masks.Voc.Expected)));
        var expected = expectedDoc.RootElement;

        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Masks.Voc.Images), "--masks", Fixtures.Path(Fixtures.Masks.Voc.Folder),
            "--num-classes", "21", "--ignore-label", "255", "--json", "-", "--quiet", "--fail-on", "never", "--no-duplicates");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        static string Describe(JsonElement f) => string.Join(' ', new[] { "kind", "sample", "field", "count", "index" }
            .Select(p => f.GetProperty(p) is { ValueKind: JsonValueKind.Null } ? "-" : f.GetProperty(p).ToString()));
        var actual = dataset.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("kind").GetString() is "label-out-of-range" or "empty-mask").Select(Describe).Order().ToList();
        Assert.Equal(expected.GetProperty("findings").EnumerateArray().Select(Describe).Order().ToList(), actual);
        Assert.Equal(expected.GetProperty("masks").EnumerateArray().Count(m => m.GetProperty("empty").GetBoolean()),
            dataset.GetProperty("masks").GetProperty("empty").GetInt64());
    }

    [Fact]
    public void Scan_VocMasksWithoutIgnoreLabel_TheBorderIsOutOfRangeWithAHint()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Masks.Voc.Images), "--masks", Fixtures.Path(Fixtures.Masks.Voc.Folder),
            "--num-classes", "21", "--json", "-", "--quiet", "--fail-on", "never", "--no-duplicates");

        using var doc = JsonDocument.Parse(run.Out);
        var outOfRange = doc.RootElement.GetProperty("datasets")[0].GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("kind").GetString() == "label-out-of-range").ToList();
        // Every mask but the 4-bit one (007) has the 255 border.
        Assert.Equal(9, outOfRange.Count);
        Assert.Contains(outOfRange, f => f.GetProperty("message").GetString()!.Contains("give --ignore-label 255"));
    }
}
