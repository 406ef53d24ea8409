using DataScrub.Findings;
using DataScrub.Images;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Checks.Images;

/// <summary>
/// Damaged copies of every image fixture and public test image (truncations, bit flips, byte overwrites, 32-bit
/// length-field overwrites) go through the inspector and the native decoders it calls: each ends in findings, never
/// an exception (a crash inside libpng, libtiff, giflib or libwebp would end the test process), and within the time
/// limit. Deterministic: fixed seeds.
/// </summary>
public class ImageMutationTests
{
    private const int MutantsPerFile = 4;

    public static TheoryData<string> Folders() => new("images/public/pngsuite", "images/public/libpng", "images/public/image-png",
        "images/public/pillow", "images/public/libtiff", "images/public/bmpsuite", "images/tiff", "images/gif", "images/webp", "images/damage");

    [Theory]
    [MemberData(nameof(Folders))]
    public void Inspect_DamagedCopies_FindingsNeverExceptions(string folder)
    {
        var options = ImageInspectionOptions.Default with { SampleTimeout = TimeSpan.FromSeconds(10) };
        var files = Directory.EnumerateFiles(Fixtures.Path(folder), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is not (".json" or ".md" or ".txt" or ".py"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var random = new Random(files.Count);
        var tried = 0;
        foreach (var file in files)
        {
            var original = File.ReadAllBytes(file);
            for (var i = 0; i < MutantsPerFile; i++)
            {
                var mutant = Mutate(original, random);
                var result = ImageInspector.Inspect(mutant, options, withMoments: true);
                // Every problem is a registered kind with a message; the inspector returned rather than threw.
                Assert.All(result.Problems, p => Assert.False(string.IsNullOrEmpty(p.Message), $"{file} #{i}: {p.Kind.Name} without a message"));
                Assert.All(result.Problems, p => Assert.Same(p.Kind, FindingKinds.Find(p.Kind.Name)));
                tried++;
            }
        }
        Assert.True(tried >= files.Count * MutantsPerFile, $"{tried} mutants");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var data = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0:
                return data[..random.Next(data.Length + 1)];
            case 1:
                for (var k = 0; k < 1 + random.Next(4) && data.Length > 0; k++) data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                return data;
            case 2:
                if (data.Length > 0) data[random.Next(data.Length)] = (byte)random.Next(256);
                return data;
            default:
                // A length or count field set to 2^31 - 1 or a random value.
                if (data.Length > 8) BitConverter.GetBytes(random.Next(2) == 0 ? int.MaxValue : random.Next()).CopyTo(data, random.Next(data.Length - 4));
                return data;
        }
    }
}
