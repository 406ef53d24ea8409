using DataScrub.Images;
using DataScrub.Images.TurboJpeg;
using System.Text.Json;
using DataScrub.Findings;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Images;

/// <summary>
/// JPEGs are decoded by the system's libjpeg-turbo when it is installed and by ImageSharp otherwise; the
/// verdict on a file must not depend on which machine ran the scan.
/// </summary>
public class JpegDecoderAgreementTests
{
    private static readonly ImageInspectionOptions Turbo = ImageInspectionOptions.Default;
    private static readonly ImageInspectionOptions Managed = ImageInspectionOptions.Default with { Decoders = DataScrub.Images.Decoding.ImageDecoders.ImageSharpOnly };

    [Fact]
    public void LibJpegTurbo_IsInstalledWhereTheTestsRun()
    {
        // scripts/ensure-deps.sh installs libturbojpeg0; without it every agreement test below compares ImageSharp with itself.
        Assert.True(TurboJpegLibrary.Instance is not null, "libturbojpeg.so.0 not found: apt-get install libturbojpeg0");
    }

    public static TheoryData<string> FixtureJpegs() => new(
        Directory.EnumerateFiles(Fixtures.Path(Fixtures.Images.Folder), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".jpg" or ".jpeg")
            // The public corpus and the damage cases are judged against PIL (PublicImageCorpusTests), where ImageSharp is
            // known to differ from libjpeg (a comment of length 0, a cut APP14): that is why the tests need libjpeg-turbo.
            .Where(f => !f.Contains("/public/", StringComparison.Ordinal) && !f.Contains("/damage/", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Fixtures.Root, f).Replace('\\', '/'))
            .Order());

    [Theory]
    [MemberData(nameof(FixtureJpegs))]
    public void Inspect_FixtureJpeg_SameFindingKindsWithEitherDecoder(string path)
    {
        var bytes = File.ReadAllBytes(Fixtures.Path(path));

        Assert.Equal(Kinds(bytes, Managed), Kinds(bytes, Turbo));
    }

    /// <summary>
    /// One byte of a valid JPEG damaged at a time (fixtures/make_jpeg_damage_verdicts.py): DataScrub calls
    /// the copy bad exactly when PIL's <c>Image.open(f).load()</c> fails. libjpeg-turbo is PIL's decoder, so
    /// this holds; ImageSharp does not (it rejects entropy data libjpeg only warns about, and accepts some
    /// broken tables), which is why it is only the fallback.
    /// </summary>
    [Fact]
    public void Inspect_DamagedJpeg_IsAnErrorExactlyWhenPilFailsToLoadIt()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Images.JpegDamageExpected)));
        var xor = (byte)doc.RootElement.GetProperty("xor").GetInt32();
        var disagreements = new List<string>();
        var checkedCopies = 0;
        foreach (var source in doc.RootElement.GetProperty("sources").EnumerateArray())
        {
            var path = source.GetProperty("path").GetString()!;
            var original = File.ReadAllBytes(Fixtures.Path(path));
            foreach (var damage in source.GetProperty("damaged").EnumerateArray())
            {
                var at = damage.GetProperty("offset").GetInt32();
                var bytes = (byte[])original.Clone();
                bytes[at] ^= xor;
                var pil = damage.GetProperty("pil").GetString()!;
                var problems = ImageInspector.Inspect(bytes, Turbo).Problems;
                var ours = problems.Any(p => p.Kind.Severity == Severity.Error);
                if (ours != (pil != "ok"))
                    disagreements.Add($"{path} byte {at}: PIL [{pil}], DataScrub [{string.Join("; ", problems.Select(p => p.Message))}]");
                checkedCopies++;
            }
        }
        Assert.True(checkedCopies > 400, $"only {checkedCopies} damaged copies");
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    private static string Kinds(byte[] bytes, ImageInspectionOptions options) =>
        string.Join(",", ImageInspector.Inspect(bytes, options).Problems.Select(p => p.Kind.Name));
}
