using System.Text.Json;
using DataScrub.Findings;
using DataScrub.Images;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Images;

/// <summary>
/// DataScrub's verdict on every public codec test image (PngSuite, image-png, libpng, bmpsuite, Pillow, libtiff,
/// libwebp) and every damage case equals PIL's <c>Image.open(f).load()</c> (recorded in verdicts.json by
/// fixtures/make_public_image_verdicts.py), except the documented differences in verdict_differences.json, each with its
/// reason. With the reference libraries installed no file takes anywhere near the time limit (ImageSharp hung on four of
/// them).
/// </summary>
public class PublicImageCorpusTests
{
    private sealed record Case(string Path, string Pil, int? Frames);

    private static IEnumerable<Case> Cases(string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path($"{folder}/verdicts.json")));
        var prefix = folder[(folder.LastIndexOf('/') + 1)..];
        return doc.RootElement.GetProperty("files").EnumerateArray()
            .Select(f => new Case($"{prefix}/{f.GetProperty("path").GetString()}", f.GetProperty("pil").GetString()!,
                f.GetProperty("n_frames").ValueKind == JsonValueKind.Number ? f.GetProperty("n_frames").GetInt32() : null))
            .ToList();
    }

    private static IReadOnlyList<Case> All { get; } = [.. Cases(Fixtures.Images.Public), .. Cases(Fixtures.Images.Damage)];

    private static IReadOnlyDictionary<string, (string Verdict, string Reason)> Differences { get; } = ReadDifferences();

    private static IReadOnlyDictionary<string, (string, string)> ReadDifferences()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Images.VerdictDifferences)));
        return doc.RootElement.GetProperty("differences").EnumerateObject()
            .ToDictionary(p => p.Name, p => (p.Value.GetProperty("datascrub").GetString()!, p.Value.GetProperty("reason").GetString()!));
    }

    private static readonly Dictionary<string, ImageInspector.Result> Results = [];

    private static ImageInspector.Result Inspect(string path)
    {
        lock (Results)
        {
            if (!Results.TryGetValue(path, out var result))
                Results[path] = result = ImageInspector.Inspect(File.ReadAllBytes(Fixtures.Path($"images/{path}")), ImageInspectionOptions.Default);
            return result;
        }
    }

    private static string Verdict(ImageInspector.Result result) =>
        result.Problems.Any(p => p.Kind.Severity == Severity.Error) ? "bad"
        : result.Problems.Any(p => p.Kind == FindingKinds.UnsupportedImage || p.Kind == FindingKinds.DecodeTimeout) ? "unsupported"
        : "ok";

    private static string PilVerdict(Case c) => c.Pil == "ok" ? "ok" : "bad";

    [Fact]
    public void Corpus_IsThere()
    {
        Assert.True(All.Count >= 470, $"{All.Count} files");
        Assert.Equal(All.Count, All.Select(c => c.Path).Distinct().Count());
    }

    [Fact]
    public void EveryFile_PilsVerdictOrTheDocumentedDifference()
    {
        var wrong = All
            .Select(c => (c.Path, Expected: Differences.TryGetValue(c.Path, out var d) ? d.Verdict : PilVerdict(c), Result: Inspect(c.Path)))
            .Where(c => Verdict(c.Result) != c.Expected)
            .Select(c => $"{c.Path}: expected {c.Expected}, DataScrub says {Verdict(c.Result)} ({string.Join("; ", c.Result.Problems.Select(p => $"{p.Kind.Name}: {p.Message}"))})")
            .ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void EveryDocumentedDifference_IsAFileOfTheCorpusWherePilSaysOtherwise()
    {
        var pil = All.ToDictionary(c => c.Path, PilVerdict);
        Assert.All(Differences, d =>
        {
            Assert.True(pil.TryGetValue(d.Key, out var theirs), $"{d.Key} is not in the corpus");
            Assert.NotEqual(theirs, d.Value.Verdict);
            Assert.False(string.IsNullOrWhiteSpace(d.Value.Reason));
        });
    }

    [Fact]
    public void NoFile_ReachesTheTimeLimit()
    {
        var timedOut = All.Where(c => Inspect(c.Path).Problems.Any(p => p.Kind == FindingKinds.DecodeTimeout)).Select(c => c.Path).ToList();
        Assert.Empty(timedOut);
    }

    [Fact]
    public void EveryMultiFrameFilePilLoads_IsReportedAsMultipage()
    {
        var missed = All.Where(c => c is { Pil: "ok", Frames: > 1 } && !Differences.ContainsKey(c.Path))
            .Where(c => !Inspect(c.Path).Problems.Any(p => p.Kind == FindingKinds.MultipageImage))
            .Select(c => $"{c.Path} ({c.Frames} frames)")
            .ToList();
        Assert.Empty(missed);
    }

    [Fact]
    public void NoValidImage_IsDroppedByDropBad()
    {
        // Every file PIL loads is kept by --drop-bad (which drops errors) unless a documented difference says why not.
        var dropped = All.Where(c => c.Pil == "ok" && !Differences.ContainsKey(c.Path) && Verdict(Inspect(c.Path)) == "bad").Select(c => c.Path).ToList();
        Assert.Empty(dropped);
    }
}
