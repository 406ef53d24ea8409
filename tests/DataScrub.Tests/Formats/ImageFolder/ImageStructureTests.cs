using DataScrub.Images;
using DataScrub.Findings;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.ImageFolder;

/// <summary>Every cut of a valid PIL-written image is reported (never silently accepted), and the valid
/// image itself never is: a false positive would drop good data in rebuild.</summary>
public class ImageStructureTests
{
    public static TheoryData<string> ValidImages() =>
    [
        Fixtures.Images.Good.Cat000Jpeg, Fixtures.Images.Good.ProgressiveJpeg, Fixtures.Images.Good.Dog001Png,
        Fixtures.Images.Good.Bird001PngRgba, Fixtures.Images.Good.Bird002Gif, Fixtures.Images.Good.Cat003Bmp,
    ];

    [Theory]
    [MemberData(nameof(ValidImages))]
    public void Inspect_EveryPrefixOfAValidImage_IsAnErrorOrAtMostAWarning_AndTheWholeIsClean(string path)
    {
        var bytes = File.ReadAllBytes(Fixtures.Path(path));

        Assert.Empty(ImageInspector.Inspect(bytes, ImageInspectionOptions.Default).Problems);
        for (var cut = 0; cut < bytes.Length; cut += Math.Max(1, bytes.Length / 97))
        {
            var problems = ImageInspector.Inspect(bytes.AsSpan(0, cut), ImageInspectionOptions.Default).Problems;
            // A prefix may only pass as complete when the format's end marker is optional data (GIF trailer, PNG IEND).
            Assert.True(problems.Count > 0, $"{path} cut at {cut} of {bytes.Length} passed as a valid image");
        }
    }

    [Fact]
    public void Inspect_JpegWithZeroPaddingAfterEoi_IsClean()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path(Fixtures.Images.Good.Cat000Jpeg));

        Assert.Empty(ImageInspector.Inspect([.. bytes, 0, 0, 0, 0], ImageInspectionOptions.Default).Problems);
    }

    [Fact]
    public void Inspect_PngWithoutIendAndCompleteData_IsOnlyAWarning()
    {
        var result = ImageInspector.Inspect(File.ReadAllBytes(Fixtures.Path(Fixtures.Images.Bad.PngNoIend)), ImageInspectionOptions.Default);

        Assert.Equal([FindingKinds.MissingEndMarker], result.Problems.Select(p => p.Kind));
    }
}
