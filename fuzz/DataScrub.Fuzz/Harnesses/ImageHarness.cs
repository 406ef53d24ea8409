using DataScrub.Images;
using DataScrub.Images.Structure;
using DataScrub.Samples;

namespace DataScrub.Fuzz.Harnesses;

/// <summary>
/// One image container: its structure walker (markers, chunks, blocks, CRCs; run on every input, so that inputs whose
/// magic the mutator broke still exercise it) and then the whole inspection, which decodes with the system library
/// the training stack uses (libjpeg-turbo, libpng, giflib, libwebp; ImageSharp for BMP) through our wrappers. Each
/// walker and the inspector return verdicts; an exception is a defect, and so is a crash in native code.
/// </summary>
public sealed class ImageHarness(string name, ImageContainer container, Func<byte[], ImageStructure> walk, params string[] extensions) : IFuzzHarness
{
    /// <summary>A pixel limit far below PIL's (179 M), as <c>--max-pixels</c> would set it: a mutated header declaring a
    /// 100-megapixel image is refused as too large rather than decoded for seconds, which keeps afl-fuzz's executions
    /// fast; the limit's own check is what runs instead.</summary>
    private static readonly ImageInspectionOptions Options = new(MaxPixels: 1 << 22) { SampleTimeout = TimeSpan.FromSeconds(5) };

    public static IReadOnlyList<ImageHarness> All { get; } =
    [
        new("jpeg", ImageContainer.Jpeg, data => JpegStructure.Walk(data), "*.jpg", "*.jpeg", "*.JPG"),
        new("png", ImageContainer.Png, data => PngStructure.Walk(data), "*.png", "*.Png"),
        new("gif", ImageContainer.Gif, data => GifStructure.Walk(data), "*.gif"),
        new("bmp", ImageContainer.Bmp, data => RiffAndBmpStructure.WalkBmp(data), "*.bmp"),
        new("webp", ImageContainer.WebP, data => RiffAndBmpStructure.WalkWebP(data), "*.webp"),
    ];

    public string Name => name;

    public string Description => $"{container} images: the structure walker, then the inspection and the system decoder's wrapper";

    public IReadOnlyList<string> Instrumented { get; } = ["DataScrub.Images"];

    /// <summary>The fixture images of this container up to 16 KB (afl-fuzz mutates small inputs far faster), at most 64
    /// of them, spread over the fixture folders (public test suites, damage cases, generated images).</summary>
    public IEnumerable<FuzzSeed> Seeds(RepositoryFiles files)
    {
        var candidates = files.Under("fixtures", extensions)
            .Where(p => new FileInfo(Path.Combine(files.Root, p)).Length is > 0 and <= 16 * 1024)
            .ToList();
        var step = Math.Max(1, candidates.Count / 64);
        return candidates.Where((_, i) => i % step == 0).Take(64).Select(p => FuzzSeed.FromFile(files, p));
    }

    public void Run(byte[] input)
    {
        walk(input);
        var result = ImageInspector.Inspect(input, Options, container, withMoments: true);
        if (result.Decoded && result.Problems.Count == 0 && (result.Width is null or <= 0 || result.Height is null or <= 0))
            throw new FuzzDefectException($"a {container} decoded without problems but with size {result.Width}x{result.Height}");
    }
}
