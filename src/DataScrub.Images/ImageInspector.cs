using DataScrub.Findings;
using DataScrub.Images.Structure;
using DataScrub.Images.TurboJpeg;
using DataScrub.Samples;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;

namespace DataScrub.Images;

/// <summary>
/// Everything DataScrub checks on one encoded image, cheapest first: empty, recognised container, the
/// structural walk (truncation, CRC, end marker, trailing bytes), declared size against the pixel limit
/// (before any pixel buffer exists), then a full decode: libjpeg-turbo for JPEGs when the system has it
/// (what PIL and OpenCV decode with), ImageSharp for everything else. A valid file must never be called
/// bad: trailing bytes and a missing end marker over complete pixel data are warnings only.
/// Thread-safe; the ImageSharp configuration caps pooled memory so a few huge images cannot exhaust it.
/// </summary>
public static class ImageInspector
{
    private static readonly Configuration Decoding = CreateConfiguration();

    public sealed record Result(IReadOnlyList<ImageProblem> Problems, int? Width, int? Height, int? Channels, ImageContainer Container)
    {
        /// <summary>Per-channel moments of the decoded pixels, when asked for and the image decoded.</summary>
        public Analysis.Statistics.RunningMoments[]? Moments { get; init; }
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
        Analysis.Statistics.RunningMoments[]? moments = null;
        try
        {
            // The structural walk already read the size of JPEG/PNG/GIF/BMP headers; ask the decoder only otherwise.
            if (width is null || height is null || channels is null)
            {
                var info = Identify(data);
                if (info is null)
                    return Done(problems.Prepend(new ImageProblem(FindingKinds.CorruptImage, $"{container}: the decoder does not recognise the header")), structure);
                width = info.Width;
                height = info.Height;
                channels ??= ChannelsOf(info.PixelType?.BitsPerPixel);
            }
            if ((long)width.Value * height.Value > options.MaxPixels)
                return Done(problems.Prepend(new ImageProblem(FindingKinds.ImageTooLarge,
                    $"{width}x{height} = {(long)width.Value * height.Value} pixels, above the limit of {options.MaxPixels} (--max-pixels); not decoded")), structure, width, height, channels);
            if (width <= 0 || height <= 0)
                return Done(problems.Prepend(new ImageProblem(FindingKinds.CorruptImage, $"{container}: the header declares {width}x{height}")), structure, width, height, channels);
            if (container == ImageContainer.Jpeg && options.UseLibJpegTurbo && TurboJpegLibrary.Instance is { } turbo)
            {
                var decoded = withMoments ? new Analysis.Statistics.RunningMoments[4] : null;
                var outcome = TurboJpegDecoder.Decode(turbo, data, decoded);
                if (outcome.Error is { } error)
                    return Done(problems.Prepend(new ImageProblem(FindingKinds.CorruptImage, $"{container}: the decoder fails: {error}")), structure, width, height, channels);
                if (outcome.PrematureEnd)
                    return Done(problems.Prepend(new ImageProblem(FindingKinds.TruncatedImage, $"{container}: the entropy-coded data ends before the last scan does (libjpeg: premature end of JPEG file)")), structure, width, height, channels);
                moments = decoded?[..outcome.Channels];
            }
            else
            {
                using var image = Image.Load<Rgb24>(Decoding, data);
                if (withMoments) moments = MomentsOf(image, channels == 1 ? 1 : 3);
            }
        }
        catch (Exception e) when (e is ImageFormatException or InvalidMemoryOperationException or NotSupportedException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // ImageSharp reports malformed content with these; a loader would fail on the file too.
            return Done(problems.Prepend(new ImageProblem(FindingKinds.CorruptImage, $"{container}: the decoder fails: {e.Message}")), structure, width, height, channels);
        }

        if (structure.MissingEndMarker is { } missing) problems.Add(new ImageProblem(FindingKinds.MissingEndMarker, $"{container}: {missing}", structure.Offset));
        if (structure.TrailingBytes > 0)
            problems.Add(new ImageProblem(FindingKinds.TrailingData, $"{container}: {structure.TrailingBytes} bytes after the end of the image", structure.Offset));
        if (options.CropSize > 0 && (width < options.CropSize || height < options.CropSize))
            problems.Add(new ImageProblem(FindingKinds.SmallerThanCrop, $"{width}x{height} is smaller than the crop size {options.CropSize}"));
        return new Result(problems, width, height, channels, container) { Moments = moments };
    }

    /// <summary>Per-channel moments of a decoded RGB image, row by row; a grayscale image (R = G = B) as one channel.</summary>
    private static Analysis.Statistics.RunningMoments[] MomentsOf(Image<Rgb24> image, int channels)
    {
        var total = new Analysis.Statistics.RunningMoments[channels];
        var row = new Analysis.Statistics.RunningMoments[3];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                Analysis.Statistics.RunningMoments.OfInterleaved(System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows.GetRowSpan(y)), row);
                for (var c = 0; c < channels; c++) total[c] = total[c].Merge(row[c]);
            }
        });
        return total;
    }

    /// <summary>
    /// True when every pixel of a (structurally valid) image is 0 in every channel: a segmentation mask with
    /// only background. Palette masks are judged by their colours, index 0 being black as VOC stores it.
    /// </summary>
    internal static bool IsBlank(ReadOnlySpan<byte> data)
    {
        using var image = Image.Load<Rgb24>(Decoding, data);
        var blank = true;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height && blank; y++)
                blank = System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows.GetRowSpan(y)).IndexOfAnyExcept((byte)0) < 0;
        });
        return blank;
    }

    /// <summary>Header-only read (ImageSharp 2.1 identifies from streams; the span is wrapped, not copied).</summary>
    private static unsafe IImageInfo? Identify(ReadOnlySpan<byte> data)
    {
        fixed (byte* pointer = data)
        {
            using var stream = new UnmanagedMemoryStream(pointer, data.Length);
            return Image.Identify(Decoding, stream, out _);
        }
    }

    private static Result Done(IEnumerable<ImageProblem> problems, ImageStructure structure, int? width = null, int? height = null, int? channels = null) =>
        new(problems.ToList(), width ?? structure.Width, height ?? structure.Height, channels ?? structure.Channels, structure.Container);

    private static int? ChannelsOf(int? bitsPerPixel) => bitsPerPixel switch
    {
        null => null,
        <= 16 => 1,
        _ => 3,
    };

    /// <summary>The first bytes, as text when they are text (an HTML error page saved as .jpg), else hex.</summary>
    private static string Describe(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, 16)];
        foreach (var b in head)
            if (b is (< 0x20 or > 0x7e) and not ((byte)'\n' or (byte)'\r' or (byte)'\t'))
                return $"starts with 0x{Convert.ToHexStringLower(head)}";
        return $"starts with \"{System.Text.Encoding.ASCII.GetString(head).ReplaceLineEndings(" ").Trim()}\"";
    }

    private static Configuration CreateConfiguration()
    {
        var configuration = Configuration.Default.Clone();
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { MaximumPoolSizeMegabytes = 64 });
        return configuration;
    }
}
