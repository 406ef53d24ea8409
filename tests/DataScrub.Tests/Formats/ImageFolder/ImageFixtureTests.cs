using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.ImageFolder;

/// <summary>The image fixtures written by PIL (fixtures/make_image_fixtures.py): exactly the planted findings,
/// none on the valid files, as files, as a listfile and as encoded Datums in an LMDB and a LevelDB.</summary>
public class ImageFixtureTests
{
    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public void Scan_ListfileRoot_WithOrWithoutTrailingSlash_SameReport(string slash)
    {
        // '--root images/' (how Caffe's root_folder is written) once put every listed image outside the root.
        var root = Fixtures.Path(Fixtures.Images.Tree);
        var given = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Images.TrainList), "--root", root + slash, "--json", "-", "--quiet", "--fail-on", "never");
        var plain = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Images.TrainList), "--json", "-", "--quiet", "--fail-on", "never");
        using var a = JsonDocument.Parse(given.Out);
        using var b = JsonDocument.Parse(plain.Out);
        Assert.Equal(b.RootElement.GetProperty("datasets")[0].GetProperty("counts").ToString(), a.RootElement.GetProperty("datasets")[0].GetProperty("counts").ToString());
        Assert.Equal(b.RootElement.GetProperty("datasets")[0].GetProperty("samples").GetInt64(), a.RootElement.GetProperty("datasets")[0].GetProperty("samples").GetInt64());
    }

    [Theory]
    [InlineData(Fixtures.Images.Tree)]
    [InlineData(Fixtures.Images.TrainList)]
    [InlineData(Fixtures.Images.Flat)]
    [InlineData(Fixtures.Lmdb.Bad.EncodedMixed)]
    // The same records written by plyvel (fixtures/make_encoded_leveldb_fixture.py), half in tables, half in the log.
    [InlineData(Fixtures.LevelDb.Bad.EncodedMixed)]
    public void Scan_PilFixture_ListsExactlyThePlantedDefects(string input)
    {
        using var expectedDoc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Expected(input))));
        var expected = expectedDoc.RootElement;

        var run = CliRun.InProcess("scan", Fixtures.Path(input), "--json", "-", "--quiet", "--fail-on", "never", "--threads", "2");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        var findings = dataset.GetProperty("findings").EnumerateArray().ToList();

        var expectedSamples = expected.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("sample").GetString(), f.GetProperty("kind").GetString())).Order().ToList();
        var actualSamples = findings.Where(f => f.GetProperty("sample").ValueKind != JsonValueKind.Null)
            .Select(f => (f.GetProperty("sample").GetString(), f.GetProperty("kind").GetString())).Order().ToList();
        Assert.Equal(expectedSamples, actualSamples);

        // Listfile lines without a usable file are findings, not samples; expectedSamples still counts them.
        var lineFindings = expectedSamples.Count(f => f.Item2 is "missing-file" or "unreadable-record");
        Assert.Equal(expected.GetProperty("samples").GetInt64() - lineFindings, dataset.GetProperty("samples").GetInt64());
        // LevelDB keeps no record count.
        if (dataset.GetProperty("format").GetString() != "leveldb")
            Assert.Equal(expected.GetProperty("samples").GetInt64(), dataset.GetProperty("expectedSamples").GetInt64());

        var mixed = findings.Where(f => f.GetProperty("kind").GetString() == "mixed-channels").ToList();
        var expectedMixed = expected.GetProperty("dataset_findings").EnumerateArray().Where(f => f.GetProperty("kind").GetString() == "mixed-channels").ToList();
        Assert.Equal(expectedMixed.Count, mixed.Count);
        if (mixed.Count == 1)
        {
            Assert.Equal(expectedMixed[0].GetProperty("grayscale").GetInt64(), mixed[0].GetProperty("count").GetInt64());
            Assert.Contains($"{expectedMixed[0].GetProperty("colour").GetInt64()} colour", mixed[0].GetProperty("message").GetString());
        }

        var classes = expected.GetProperty("class_names");
        if (classes.ValueKind == JsonValueKind.Null)
            Assert.False(dataset.GetProperty("labels").TryGetProperty("classes", out _));
        else
            Assert.Equal(classes.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()),
                dataset.GetProperty("labels").GetProperty("classes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()));
        if (lineFindings == 0 && expected.GetProperty("labels").ValueKind != JsonValueKind.Null)
            Assert.Equal(expected.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()),
                dataset.GetProperty("labels").GetProperty("histogram").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()));
    }

    [Fact]
    public void Scan_ValidImages_HaveNoFindingAtAll()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Images.Flat), "--json", "-", "--quiet");

        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Empty(doc.RootElement.GetProperty("datasets")[0].GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public void Scan_CropSize_FlagsSmallerImages()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Images.Flat), "--crop-size", "10000", "--json", "-", "--quiet");

        using var doc = JsonDocument.Parse(run.Out);
        var findings = doc.RootElement.GetProperty("datasets")[0].GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(5, findings.Count(f => f.GetProperty("kind").GetString() == "smaller-than-crop"));
        Assert.Equal(ExitCodes.Findings, run.ExitCode);
    }

    [Fact]
    public void Scan_MaxPixels_FlagsLargerImagesWithoutDecodingThem()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Images.Flat), "--max-pixels", "100", "--json", "-", "--quiet");

        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(5, doc.RootElement.GetProperty("datasets")[0].GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("kind").GetString() == "image-too-large"));
    }
}
