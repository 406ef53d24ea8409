using DataScrub.Analysis.Statistics;
using DataScrub.Findings;
using DataScrub.Images.Decoding;
using DataScrub.Images.Structure;
using DataScrub.Samples;

namespace DataScrub.Images;

/// <summary>
/// Everything DataScrub checks on one encoded image, cheapest first: empty, recognised container, the structural walk
/// (truncation, CRC, end marker, trailing bytes, decompression bombs in metadata), declared size against the pixel limit
/// (before any pixel buffer exists), then a full decode of the first page by the decoder the training stack uses
/// (<see cref="ImageDecoders"/>: libjpeg-turbo, libpng, libtiff, giflib, libwebp; ImageSharp where none is installed and
/// for BMP and Netpbm), within the time limit. One rule decides: the image is bad when that decoder fails on it. A
/// feature no available decoder handles is <c>unsupported-image</c>, a warning, never damage; trailing bytes and a
/// missing end marker over complete pixel data are warnings only. Thread-safe.
/// </summary>
public static class ImageInspector
{
    public sealed record Result(IReadOnlyList<ImageProblem> Problems, int? Width, int? Height, int? Channels, ImageContainer Container)
    {
        /// <summary>Per-channel moments of the decoded pixels, when asked for and the image decoded.</summary>
        public RunningMoments[]? Moments { get; init; }

        /// <summary>True when the first page decoded completely.</summary>
        public bool Decoded { get; init; }
    }

    /// <param name="expected">The container the file name promises, for <c>format-mismatch</c>; null for Datum payloads.</param>
    /// <param name="withMoments">Also measure the decoded pixels' per-channel moments (dataset statistics).</param>
    public static Result Inspect(ReadOnlySpan<byte> data, ImageInspectionOptions options, ImageContainer? expected = null, bool withMoments = false)
    {
        var problems = new List<ImageProblem>();
        if (data.IsEmpty)
            return new Result([new ImageProblem(FindingKinds.EmptyFile, "0 bytes")], null, null, null, ImageContainer.Unknown);

        var container = ImageContainerDetector.Detect(data);
        if (container == ImageContainer.Unknown)
            return new Result([new ImageProblem(FindingKinds.CorruptImage, $"no image decoder recognises the content ({Describe(data)})")], null, null, null, container);
        if (expected is { } promised && promised != container)
            problems.Add(new ImageProblem(FindingKinds.FormatMismatch, $"the content is {container} but the name says {promised}"));

        var structure = container switch
        {
            ImageContainer.Jpeg => JpegStructure.Walk(data),
            ImageContainer.Png => PngStructure.Walk(data),
            ImageContainer.Gif => GifStructure.Walk(data),
            ImageContainer.Bmp => RiffAndBmpStructure.WalkBmp(data),
            ImageContainer.WebP => RiffAndBmpStructure.WalkWebP(data),
            // Netpbm: the magic says it (P1/P4 bitmap, P2/P5 graymap, P3/P6 pixmap, P7 arbitrary).
            ImageContainer.Pnm => new ImageStructure { Container = container, Channels = data[1] is (byte)'3' or (byte)'6' ? 3 : data[1] == (byte)'7' ? null : 1 },
            _ => new ImageStructure { Container = container },
        };
        if (structure.Truncated is { } truncated)
            return Done(problems.Prepend(new ImageProblem(FindingKinds.TruncatedImage, $"{container}: {truncated}", structure.Offset)), structure);
        if (structure.Corrupt is { } corrupt)
            return Done(problems.Prepend(new ImageProblem(FindingKinds.CorruptImage, $"{container}: {corrupt}", structure.Offset)), structure);

        int? width = structure.Width, height = structure.Height, channels = structure.Channels;
        // The walk read the declared size of JPEG, PNG, GIF and BMP headers: refuse a bomb before any decoder allocates.
        if (width is { } declaredWidth && height is { } declaredHeight)
        {
            if ((long)declaredWidth * declaredHeight > options.MaxPixels)
                return TooLarge(problems, structure, declaredWidth, declaredHeight, channels, options.MaxPixels);
            if (declaredWidth <= 0 || declaredHeight <= 0)
                return Done(problems.Prepend(new ImageProblem(FindingKinds.CorruptImage, $"{container}: the header declares {declaredWidth}x{declaredHeight}")), structure, width, height, channels);
        }

        var decoder = options.Decoders.For(container);
        var moments = withMoments ? new RunningMoments[4] : null;
        var request = new DecodeRequest(options.MaxPixels, DecodeRequest.DeadlineAfter(options.SampleTimeout), moments);
        var decoded = decoder.Decode(data, request);
        width ??= decoded.Width > 0 ? decoded.Width : null;
        height ??= decoded.Height > 0 ? decoded.Height : null;
        channels ??= decoded.Channels > 0 ? decoded.Channels : null;
        switch (decoded.Verdict)
        {
            case DecodeVerdict.Corrupt:
                return Done(problems.Prepend(new ImageProblem(FindingKinds.CorruptImage, $"{container}: the decoder fails: {decoded.Message}")), structure, width, height, channels);
            case DecodeVerdict.Truncated when structure.MissingEndMarker is null:
                return Done(problems.Prepend(new ImageProblem(FindingKinds.TruncatedImage, $"{container}: {decoded.Message}")), structure, width, height, channels);
            case DecodeVerdict.Truncated:
                // The walk found every pixel's data and only the closing marker missing (a PNG without IEND): libpng
                // reads on for IEND and fails, but the pixels are complete and PIL loads the file. The warning below says it.
                break;
            case DecodeVerdict.TooLarge:
                return TooLarge(problems, structure, decoded.Width, decoded.Height, channels, options.MaxPixels);
            case DecodeVerdict.Unsupported:
                problems.Add(new ImageProblem(FindingKinds.UnsupportedImage, $"{container}: {decoded.Message}; not judged by {decoder.Name}"));
                return Done(problems, structure, width, height, channels);
            case DecodeVerdict.TimedOut:
                problems.Add(new ImageProblem(FindingKinds.DecodeTimeout, $"{container}: {decoded.Message} ({decoder.Name}, --sample-timeout {options.SampleTimeout.TotalSeconds:0.###} s)"));
                return Done(problems, structure, width, height, channels);
        }

        if (structure.MissingEndMarker is { } missing) problems.Add(new ImageProblem(FindingKinds.MissingEndMarker, $"{container}: {missing}", structure.Offset));
        if (structure.TrailingBytes > 0)
            problems.Add(new ImageProblem(FindingKinds.TrailingData, $"{container}: {structure.TrailingBytes} bytes after the end of the image", structure.Offset));
        var pages = Math.Max(decoded.Pages, structure.Pages ?? 1);
        var laterPages = decoded.LaterPagesProblem ?? structure.LaterPagesProblem;
        if (pages > 1 || laterPages is not null)
        {
            var unit = container == ImageContainer.Tiff ? "pages" : "frames";
            problems.Add(new ImageProblem(FindingKinds.MultipageImage, laterPages is null
                ? $"{container}: {pages} {unit}; the structure of each was checked, only the first was decoded (a trainer reads only the first)"
                : $"{container}: {pages} {unit}, damaged after the first: {laterPages}; the first was decoded (a trainer reads only the first)"));
        }
        if (options.CropSize > 0 && (width < options.CropSize || height < options.CropSize))
            problems.Add(new ImageProblem(FindingKinds.SmallerThanCrop, $"{width}x{height} is smaller than the crop size {options.CropSize}"));
        // A grey image decoded to RGB (R = G = B) counts as its one channel.
        var momentChannels = channels == 1 ? Math.Min(1, decoded.MomentChannels) : decoded.MomentChannels;
        var measured = decoded.Verdict == DecodeVerdict.Decoded && momentChannels > 0 ? moments![..momentChannels] : null;
        return new Result(problems, width, height, channels, container) { Moments = measured, Decoded = decoded.Verdict == DecodeVerdict.Decoded };
    }

    private static Result TooLarge(List<ImageProblem> problems, ImageStructure structure, int width, int height, int? channels, long maxPixels) =>
        Done(problems.Prepend(new ImageProblem(FindingKinds.ImageTooLarge,
            $"{width}x{height} = {(long)width * height} pixels, above the limit of {maxPixels} (--max-pixels); not decoded")), structure, width, height, channels);

    private static Result Done(IEnumerable<ImageProblem> problems, ImageStructure structure, int? width = null, int? height = null, int? channels = null) =>
        new(problems.ToList(), width ?? structure.Width, height ?? structure.Height, channels ?? structure.Channels, structure.Container);

    /// <summary>The first bytes, as text when they are text (an HTML error page saved as .jpg), else hex.</summary>
    private static string Describe(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, 16)];
        foreach (var b in head)
            if (b is (< 0x20 or > 0x7e) and not ((byte)'\n' or (byte)'\r' or (byte)'\t'))
                return $"starts with 0x{Convert.ToHexStringLower(head)}";
        return $"starts with \"{System.Text.Encoding.ASCII.GetString(head).ReplaceLineEndings(" ").Trim()}\"";
    }
}
