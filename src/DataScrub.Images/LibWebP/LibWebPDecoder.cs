using DataScrub.Analysis.Statistics;
using DataScrub.Images.Decoding;
using DataScrub.Samples;

namespace DataScrub.Images.LibWebP;

/// <summary>
/// Decodes a WebP with the system's libwebp as PIL 9 does: with libwebpdemux, every file (still or animated) goes
/// through the animation decoder up to its first frame (the frame count becomes <see cref="DecodeResult.Pages"/>),
/// which decodes the frame's own chunks; decoding the whole file instead lets a damaged VP8 bitstream read on past
/// its chunk and pass where PIL fails. Without libwebpdemux a still image is decoded whole (<c>WebPDecode</c> into a
/// scratch RGB buffer) and an animation is unsupported. libwebp decodes a frame in one call, so the deadline is
/// checked before each call, not inside one. Thread-safe: every call has its own decoder state and scratch buffer.
/// </summary>
public sealed unsafe class LibWebPDecoder : IImageDecoder
{
    private const int ModeRgb = 0, ModeRgba = 1;

    private static readonly Lazy<LibWebPDecoder?> Loaded = new(
        () => LibWebPLibrary.Instance is { } library ? new LibWebPDecoder(library) : null, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly LibWebPLibrary library;

    private LibWebPDecoder(LibWebPLibrary library)
    {
        this.library = library;
        Name = $"libwebp {library.Version}";
    }

    /// <summary>The decoder over the process's libwebp, or null when none is installed.</summary>
    public static LibWebPDecoder? Instance => Loaded.Value;

    public ImageContainer Container => ImageContainer.WebP;

    public string Name { get; }

    public DecodeResult Decode(ReadOnlySpan<byte> data, in DecodeRequest request)
    {
        // libwebp takes a null pointer (what an empty span pins to) for a bad parameter, not for too little data.
        if (data.IsEmpty)
            return DecodeResult.Failed(DecodeVerdict.Truncated, "libwebp: no data", 0, 0, 3);
        fixed (byte* bytes = data)
        {
            WebPBitstreamFeatures features;
            var status = library.GetFeaturesInternal(bytes, (nuint)data.Length, &features, LibWebPLibrary.DecoderAbiVersion);
            if (status != VP8StatusCode.Ok)
                return Failed(status, "reading the headers");
            int width = features.Width, height = features.Height;
            if ((long)width * height > request.MaxPixels)
                return DecodeResult.Failed(DecodeVerdict.TooLarge,
                    $"{(features.HasAnimation != 0 ? "the canvas" : "the image")} is {width}x{height} = {(long)width * height} pixels, above the limit of {request.MaxPixels}; not decoded",
                    width, height, 3);
            if (request.TimeIsUp)
                return DecodeResult.Failed(DecodeVerdict.TimedOut, "libwebp: the deadline passed before decoding", width, height, 3);
            return features.HasAnimation != 0 || library.CanDecodeAnimations
                ? DecodeAnimation(bytes, data.Length, width, height, in request)
                : DecodeStill(bytes, data.Length, width, height, request.Moments);
        }
    }

    private DecodeResult DecodeStill(byte* bytes, int length, int width, int height, RunningMoments[]? moments)
    {
        var size = (long)width * height * 3;
        using var scratch = new PixelScratch(size);
        var target = scratch.Pointer;
        WebPDecoderConfig config;
        if (library.InitDecoderConfigInternal(&config, LibWebPLibrary.DecoderAbiVersion) == 0)
            return DecodeResult.Failed(DecodeVerdict.Unsupported, $"libwebp {library.Version} rejects the decoder ABI 0x{LibWebPLibrary.DecoderAbiVersion:x4}", width, height, 3);
        // Alpha is dropped by the RGB mode: the moments are of the colour channels, as for every container.
        config.OutputColorspace = ModeRgb;
        config.OutputIsExternalMemory = 1;
        config.OutputRgba = target;
        config.OutputStride = width * 3;
        config.OutputSize = (nuint)size;
        var status = library.DecodeWithConfig(bytes, (nuint)length, &config);
        library.FreeDecBuffer(&config);
        if (status != VP8StatusCode.Ok)
            return Failed(status, "decoding the image", width, height);
        if (moments is not null)
            RunningMoments.OfInterleaved(new ReadOnlySpan<byte>(target, checked((int)size)), moments.AsSpan(0, 3));
        return DecodeResult.Decoded(width, height, 3, 1, moments is null ? 0 : 3);
    }

    private DecodeResult DecodeAnimation(byte* bytes, int length, int width, int height, in DecodeRequest request)
    {
        if (!library.CanDecodeAnimations)
            return DecodeResult.Failed(DecodeVerdict.Unsupported, "libwebp: an animated WebP needs libwebpdemux, which is not loaded", width, height, 3);
        var input = new WebPData { Bytes = bytes, Size = (nuint)length };
        WebPAnimDecoderOptions options;
        if (library.AnimDecoderOptionsInitInternal(&options, LibWebPLibrary.DemuxAbiVersion) == 0)
            return DecodeResult.Failed(DecodeVerdict.Unsupported, $"libwebpdemux rejects the demux ABI 0x{LibWebPLibrary.DemuxAbiVersion:x4}", width, height, 3);
        options.ColorMode = ModeRgba;
        options.UseThreads = 0;
        var decoder = library.AnimDecoderNewInternal(&input, &options, LibWebPLibrary.DemuxAbiVersion);
        if (decoder == 0)
            return AnimationRejected(&input, width, height);
        try
        {
            WebPAnimInfo info;
            if (library.AnimDecoderGetInfo(decoder, &info) == 0)
                return DecodeResult.Failed(DecodeVerdict.Corrupt, "libwebp: the animation decoder gives no canvas information", width, height, 3);
            var pages = (int)Math.Min(info.FrameCount, int.MaxValue);
            if (request.TimeIsUp)
                return DecodeResult.Failed(DecodeVerdict.TimedOut, "libwebp: the deadline passed before the first frame", width, height, 3, pages);
            byte* canvas;
            int timestamp;
            if (library.AnimDecoderGetNext(decoder, &canvas, &timestamp) == 0)
                return FirstFrameRejected(&input, width, height, pages);
            var moments = request.Moments;
            if (moments is not null)
            {
                // The canvas is RGBA; the alpha entry is computed and then left out.
                Span<RunningMoments> rgba = stackalloc RunningMoments[4];
                RunningMoments.OfInterleaved(new ReadOnlySpan<byte>(canvas, checked((int)((long)info.CanvasWidth * info.CanvasHeight * 4))), rgba);
                rgba[..3].CopyTo(moments);
            }
            return DecodeResult.Decoded(width, height, 3, pages, moments is null ? 0 : 3);
        }
        finally
        {
            library.AnimDecoderDelete(decoder);
        }
    }

    /// <summary>
    /// Why libwebpdemux refused the file: it says only "no", so the file is demuxed again allowing a partial file,
    /// whose state tells a cut file (still parsing) from malformed chunks (a parse error).
    /// </summary>
    private DecodeResult AnimationRejected(WebPData* input, int width, int height)
    {
        WebPDemuxState state;
        var demuxer = library.DemuxInternal(input, 1, &state, LibWebPLibrary.DemuxAbiVersion);
        if (demuxer != 0) library.DemuxDelete(demuxer);
        return state is WebPDemuxState.ParsingHeader or WebPDemuxState.ParsedHeader
            ? DecodeResult.Failed(DecodeVerdict.Truncated, "libwebp: the file's chunks end before its RIFF header says they do (libwebpdemux)", width, height, 3)
            : DecodeResult.Failed(DecodeVerdict.Corrupt, $"libwebp: the file's chunks do not parse (libwebpdemux state {state})", width, height, 3);
    }

    /// <summary>
    /// Why the animation decoder could not decode the first frame, which the demuxer had parsed completely: it says
    /// only "no", so the frame's chunks are decoded alone for libwebp's status. Too little data there means the
    /// bitstream wants more than its (complete) chunk holds: damage, not a cut file.
    /// </summary>
    private DecodeResult FirstFrameRejected(WebPData* input, int width, int height, int pages)
    {
        var status = VP8StatusCode.BitstreamError;
        var demuxer = library.DemuxInternal(input, 0, null, LibWebPLibrary.DemuxAbiVersion);
        if (demuxer != 0)
        {
            WebPIterator frame;
            if (library.DemuxGetFrame(demuxer, 1, &frame) != 0)
            {
                WebPDecoderConfig config;
                if (library.InitDecoderConfigInternal(&config, LibWebPLibrary.DecoderAbiVersion) != 0)
                {
                    config.OutputColorspace = ModeRgba;
                    status = library.DecodeWithConfig(frame.Fragment.Bytes, frame.Fragment.Size, &config);
                    library.FreeDecBuffer(&config);
                }
                library.DemuxReleaseIterator(&frame);
            }
            library.DemuxDelete(demuxer);
        }
        var result = status is VP8StatusCode.Ok or VP8StatusCode.NotEnoughData
            ? DecodeResult.Failed(DecodeVerdict.Corrupt, $"libwebp: the first frame's bitstream does not decode within its chunk ({StatusName(status)})", width, height, 3)
            : Failed(status, "decoding the first frame", width, height);
        return result with { Pages = pages };
    }

    private static string StatusName(VP8StatusCode status) => status switch
    {
        VP8StatusCode.Ok => "VP8_STATUS_OK alone, failing in the animation decoder",
        VP8StatusCode.NotEnoughData => "VP8_STATUS_NOT_ENOUGH_DATA",
        _ => $"VP8StatusCode {(int)status}",
    };

    /// <summary>libwebp's status as a verdict: too little data is truncation, an unsupported feature is not damage,
    /// and a bitstream error (or anything else but a bad parameter) is.</summary>
    private DecodeResult Failed(VP8StatusCode status, string doing, int width = 0, int height = 0) => status switch
    {
        VP8StatusCode.NotEnoughData => DecodeResult.Failed(DecodeVerdict.Truncated, $"libwebp: not enough data {doing} (VP8_STATUS_NOT_ENOUGH_DATA)", width, height, 3),
        VP8StatusCode.UnsupportedFeature => DecodeResult.Failed(DecodeVerdict.Unsupported, $"libwebp: unsupported feature {doing} (VP8_STATUS_UNSUPPORTED_FEATURE)", width, height, 3),
        VP8StatusCode.InvalidParam => DecodeResult.Failed(DecodeVerdict.Unsupported, $"libwebp {library.Version}: invalid parameter {doing} (VP8_STATUS_INVALID_PARAM: an incompatible ABI)", width, height, 3),
        VP8StatusCode.OutOfMemory => DecodeResult.Failed(DecodeVerdict.Corrupt, $"libwebp: out of memory {doing} (VP8_STATUS_OUT_OF_MEMORY)", width, height, 3),
        // A whole-buffer decode is suspended when the VP8 partition sizes point past the data the (complete) RIFF
        // chunk holds: the sizes are damaged, the file is not cut (a cut file fails earlier, NOT_ENOUGH_DATA).
        VP8StatusCode.Suspended => DecodeResult.Failed(DecodeVerdict.Corrupt, $"libwebp: the VP8 partitions reach past the chunk's data {doing} (VP8_STATUS_SUSPENDED)", width, height, 3),
        VP8StatusCode.BitstreamError => DecodeResult.Failed(DecodeVerdict.Corrupt, $"libwebp: bitstream error {doing} (VP8_STATUS_BITSTREAM_ERROR)", width, height, 3),
        _ => DecodeResult.Failed(DecodeVerdict.Corrupt, $"libwebp fails {doing} (VP8StatusCode {(int)status})", width, height, 3),
    };
}
