using System.Buffers;
using System.Runtime.InteropServices;
using DataScrub.Analysis.Statistics;
using DataScrub.Images.Decoding;
using DataScrub.Samples;

namespace DataScrub.Images.GifLib;

/// <summary>
/// Decodes the first frame of a GIF with the system's giflib, from memory, through the record API: extensions are
/// skipped, the first image's LZW data is decoded line by line, and the later frames are only counted (their code
/// blocks skipped undecoded), as PIL's <c>load()</c> and OpenCV's <c>imread</c> use only the first frame.
/// Thread-safe: every call has its own <c>GifFileType</c> and read state.
/// </summary>
public sealed unsafe class GifLibDecoder : IImageDecoder
{
    // gif_lib.h error codes this decoder treats specially.
    private const int ErrorReadFailed = 102, ErrorWrongRecord = 107, ErrorEofTooSoon = 113;
    private const int GifError = 0;

    private static readonly Lazy<GifLibDecoder?> Loaded = new(
        () => GifLibLibrary.Instance is { } library ? new GifLibDecoder(library) : null, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly GifLibLibrary library;

    private GifLibDecoder(GifLibLibrary library)
    {
        this.library = library;
        Name = $"giflib {library.Version}";
    }

    /// <summary>The decoder over the process's giflib, or null when none is installed.</summary>
    public static GifLibDecoder? Instance => Loaded.Value;

    public ImageContainer Container => ImageContainer.Gif;

    public string Name { get; }

    public DecodeResult Decode(ReadOnlySpan<byte> data, in DecodeRequest request)
    {
        fixed (byte* bytes = data)
        {
            var input = new MemoryInput { Data = bytes, Length = data.Length };
            int openError;
            var gif = library.Open(&input, &ReadFromMemory, &openError);
            if (gif is null)
                return Failed(openError, in input, "the header or screen descriptor", 0, 0, 1);
            try
            {
                return DecodeOpened(gif, ref input, in request);
            }
            finally
            {
                int closeError;
                library.CloseFile(gif, &closeError);
            }
        }
    }

    private DecodeResult DecodeOpened(GifFileType* gif, ref MemoryInput input, in DecodeRequest request)
    {
        int screenWidth = gif->ScreenWidth, screenHeight = gif->ScreenHeight;
        if ((long)screenWidth * screenHeight > request.MaxPixels)
            return DecodeResult.Failed(DecodeVerdict.TooLarge,
                $"the screen is {screenWidth}x{screenHeight} = {(long)screenWidth * screenHeight} pixels, above the limit of {request.MaxPixels}; not decoded",
                screenWidth, screenHeight, 3);

        // The transparent index of the first frame's graphic control extension (the last one before it), or -1.
        var transparentIndex = -1;
        // Up to the first image descriptor. PIL skips a byte that introduces no block; giflib calls it a wrong
        // record (having consumed it), so asking again is the same skip.
        while (true)
        {
            GifRecordType record;
            if (library.GetRecordType(gif, &record) == GifError)
            {
                if (gif->Error == ErrorWrongRecord && !input.RanOut) continue;
                return Failed(gif->Error, in input, "the blocks before the first frame", screenWidth, screenHeight, 1);
            }
            if (record == GifRecordType.Terminate)
                return DecodeResult.Failed(DecodeVerdict.Corrupt, "giflib: the GIF trailer comes before any frame: the file has no image", screenWidth, screenHeight, 3);
            if (record == GifRecordType.Extension)
            {
                if (!SkipExtension(gif, ref transparentIndex))
                    return Failed(gif->Error, in input, "an extension block before the first frame", screenWidth, screenHeight, 1);
                continue;
            }
            if (library.GetImageDesc(gif) == GifError)
                return DescriptorRejected(gif, in input, in request, screenWidth, screenHeight);
            break;
        }

        var frame = gif->Image;
        if (FrameTooLarge(in frame, in request, screenWidth, screenHeight) is { } tooLarge) return tooLarge;
        if (frame.Width <= 0 || frame.Height <= 0)
            return DecodeResult.Failed(DecodeVerdict.Corrupt, $"giflib: the first frame declares {frame.Width}x{frame.Height} pixels", screenWidth, screenHeight, 3);

        var moments = request.Moments;
        var line = ArrayPool<byte>.Shared.Rent(frame.Width);
        var rgb = moments is null ? null : ArrayPool<byte>.Shared.Rent(frame.Width * 3);
        try
        {
            Span<byte> palette = stackalloc byte[256 * 3];
            if (moments is not null) FillPalette(palette, frame.ColorMap is not null ? frame.ColorMap : gif->ScreenColorMap);
            Span<RunningMoments> row = stackalloc RunningMoments[3];
            Span<RunningMoments> total = stackalloc RunningMoments[3];
            fixed (byte* linePointer = line)
            {
                input.InFirstFrameData = true;
                // Interlaced frames come in pass order; the moments do not depend on the order of the rows.
                for (var y = 0; y < frame.Height; y++)
                {
                    if (request.TimeIsUp)
                        return DecodeResult.Failed(DecodeVerdict.TimedOut, $"giflib: the deadline passed after {y} of {frame.Height} lines of the first frame", screenWidth, screenHeight, 3);
                    if (library.GetLine(gif, linePointer, frame.Width) == GifError)
                        return Failed(gif->Error, in input, $"line {y + 1} of {frame.Height} of the first frame", screenWidth, screenHeight, 1, pixelData: true);
                    if (rgb is null) continue;
                    for (var x = 0; x < frame.Width; x++)
                        palette.Slice(line[x] * 3, 3).CopyTo(rgb.AsSpan(x * 3, 3));
                    RunningMoments.OfInterleaved(rgb.AsSpan(0, frame.Width * 3), row);
                    for (var c = 0; c < 3; c++) total[c] = total[c].Merge(row[c]);
                }
            }
            input.InFirstFrameData = false;
            if (moments is not null)
            {
                AddUncoveredPixels(total, palette, transparentIndex < 0 ? 0 : transparentIndex, in frame, screenWidth, screenHeight);
                total.CopyTo(moments);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(line);
            if (rgb is not null) ArrayPool<byte>.Shared.Return(rgb);
        }
        // PIL's size: the screen, grown to take in a first frame that reaches past it.
        int width = Math.Max(screenWidth, frame.Left + frame.Width), height = Math.Max(screenHeight, frame.Top + frame.Height);
        return DecodeResult.Decoded(width, height, 3, 1 + CountLaterFrames(gif, ref input), moments is null ? 0 : 3);
    }

    /// <summary>
    /// <see cref="DecodeVerdict.TooLarge"/> when the picture the first frame makes exceeds the pixel limit. PIL grows the
    /// image to take in a first frame that reaches past the screen (its size is the larger of the two in each
    /// direction), so that size is the one limited, as PIL's decompression-bomb check limits it.
    /// </summary>
    private static DecodeResult? FrameTooLarge(in GifImageDesc frame, in DecodeRequest request, int screenWidth, int screenHeight)
    {
        long width = Math.Max(screenWidth, (long)frame.Left + frame.Width), height = Math.Max(screenHeight, (long)frame.Top + frame.Height);
        return width * height > request.MaxPixels
            ? DecodeResult.Failed(DecodeVerdict.TooLarge,
                $"the first frame ({frame.Width}x{frame.Height} at {frame.Left},{frame.Top}) makes the picture {width}x{height} = {width * height} pixels, above the limit of {request.MaxPixels}; not decoded",
                screenWidth, screenHeight, 3)
            : null;
    }

    /// <summary>
    /// Why giflib refused the first frame's descriptor. When the whole descriptor was read (giflib fills it in before
    /// it reads the LZW code size), a frame above the pixel limit is <see cref="DecodeVerdict.TooLarge"/> first, as
    /// PIL refuses it before decoding. giflib fails an LZW minimum code size above 8 as a read failure, the code size
    /// being the last byte it read; PIL decodes code sizes up to 12, so 9 to 12 is a file a PIL loader trains on that
    /// giflib cannot decode: <see cref="DecodeVerdict.Unsupported"/>, not damage.
    /// </summary>
    private DecodeResult DescriptorRejected(GifFileType* gif, in MemoryInput input, in DecodeRequest request, int screenWidth, int screenHeight)
    {
        if (!input.RanOut)
        {
            var frame = gif->Image;
            if (FrameTooLarge(in frame, in request, screenWidth, screenHeight) is { } tooLarge) return tooLarge;
            if (gif->Error == ErrorReadFailed && input.Position > 0 && input.Data[input.Position - 1] is >= 9 and <= 12)
                return DecodeResult.Failed(DecodeVerdict.Unsupported,
                    $"giflib decodes LZW code sizes up to 8; the first frame's is {input.Data[input.Position - 1]} (PIL decodes up to 12)",
                    screenWidth, screenHeight, 3);
        }
        return Failed(gif->Error, in input, "the first frame's descriptor", screenWidth, screenHeight, 1);
    }

    /// <summary>
    /// The frames after the first, counted by skipping their code blocks undecoded, up to the trailer or the first
    /// damage: a loader that reads only the first frame never meets that damage, so it does not fail the decode.
    /// </summary>
    private int CountLaterFrames(GifFileType* gif, ref MemoryInput input)
    {
        var frames = 0;
        while (true)
        {
            GifRecordType record;
            if (library.GetRecordType(gif, &record) == GifError)
            {
                if (gif->Error == ErrorWrongRecord && !input.RanOut) continue;
                return frames;
            }
            switch (record)
            {
                case GifRecordType.Extension:
                    var unused = -1;
                    if (!SkipExtension(gif, ref unused)) return frames;
                    break;
                case GifRecordType.ImageDescriptor:
                    int codeSize;
                    byte* block;
                    if (library.GetImageDesc(gif) == GifError || library.GetCode(gif, &codeSize, &block) == GifError) return frames;
                    while (block is not null)
                        if (library.GetCodeNext(gif, &block) == GifError) return frames;
                    frames++;
                    break;
                default:
                    return frames;
            }
        }
    }

    /// <summary>Skips one extension; a graphic control extension (0xF9) sets <paramref name="transparentIndex"/>.</summary>
    private bool SkipExtension(GifFileType* gif, ref int transparentIndex)
    {
        const int GraphicControl = 0xF9;
        int code;
        byte* block;
        if (library.GetExtension(gif, &code, &block) == GifError) return false;
        // giflib hands each sub-block with its size byte first: [4, flags, delay, delay, transparent index].
        if (code == GraphicControl && block is not null && block[0] >= 4)
            transparentIndex = (block[1] & 1) != 0 ? block[4] : -1;
        while (block is not null)
            if (library.GetExtensionNext(gif, &block) == GifError) return false;
        return true;
    }

    /// <summary>
    /// giflib's error as a verdict. The data running out under giflib (its read callback came up short) is
    /// truncation; so is the LZW end code before the frame's last pixel (<c>D_GIF_ERR_EOF_TOO_SOON</c>: too little
    /// pixel data). Everything else is damage, including <c>D_GIF_ERR_READ_FAILED</c> with data left, which giflib
    /// also uses for an LZW minimum code size above 8.
    /// </summary>
    private DecodeResult Failed(int error, in MemoryInput input, string where, int width, int height, int pages, bool pixelData = false)
    {
        var text = library.ErrorText(error);
        if (input.RanOut)
            return DecodeResult.Failed(DecodeVerdict.Truncated, $"giflib: {text} in {where}: the data ends at byte {input.Length}", width, height, 3, pages);
        if (error == ErrorEofTooSoon && pixelData)
            return DecodeResult.Failed(DecodeVerdict.Truncated, $"giflib: {text} in {where}: the LZW data ends before the frame's pixels do", width, height, 3, pages);
        var detail = error == ErrorReadFailed ? " (with data left: a malformed field, such as an LZW code size above 8)" : "";
        return DecodeResult.Failed(DecodeVerdict.Corrupt, $"giflib: {text}{detail} in {where}", width, height, 3, pages);
    }

    /// <summary>
    /// The moments of the picture PIL makes of the first frame, not of the frame alone: PIL's image is the screen
    /// (grown to the frame's extents), and the pixels the frame does not cover hold the frame's transparent index,
    /// or index 0, through the frame's colour map.
    /// </summary>
    private static void AddUncoveredPixels(Span<RunningMoments> total, ReadOnlySpan<byte> palette, int fillIndex, in GifImageDesc frame, int screenWidth, int screenHeight)
    {
        long width = Math.Max(screenWidth, (long)frame.Left + frame.Width), height = Math.Max(screenHeight, (long)frame.Top + frame.Height);
        var uncovered = width * height - (long)frame.Width * frame.Height;
        if (uncovered <= 0) return;
        const int Chunk = 1024;
        Span<byte> fill = stackalloc byte[Chunk * 3];
        for (var i = 0; i < Chunk; i++) palette.Slice(fillIndex * 3, 3).CopyTo(fill[(i * 3)..]);
        Span<RunningMoments> part = stackalloc RunningMoments[3];
        for (var done = 0L; done < uncovered; done += Chunk)
        {
            var count = (int)Math.Min(Chunk, uncovered - done);
            RunningMoments.OfInterleaved(fill[..(count * 3)], part);
            for (var c = 0; c < 3; c++) total[c] = total[c].Merge(part[c]);
        }
    }

    /// <summary>The colour map as 256 RGB triplets; indices past its end are black, and a GIF without any colour map
    /// is grayscale (index i is (i, i, i)), as PIL reads one.</summary>
    private static void FillPalette(Span<byte> palette, ColorMapObject* map)
    {
        palette.Clear();
        if (map is null || map->Colors is null)
        {
            for (var i = 0; i < 256; i++) palette.Slice(i * 3, 3).Fill((byte)i);
            return;
        }
        var count = Math.Clamp(map->ColorCount, 0, 256);
        new ReadOnlySpan<byte>(map->Colors, count * 3).CopyTo(palette);
    }

    /// <summary>The read state giflib's callback works on: the pinned bytes, how far it has read, whether a read
    /// ever asked for more than was left (the file is cut), and where it is in the first frame's sub-blocks.</summary>
    private struct MemoryInput
    {
        public byte* Data;
        public int Length;
        public int Position;
        public bool RanOut;
        /// <summary>Set while the first frame's lines are read: giflib then reads the LZW sub-blocks as a size byte,
        /// then exactly that many bytes, then the next size byte.</summary>
        public bool InFirstFrameData;
        /// <summary>The body of a sub-block is due next (its size byte was read).</summary>
        public bool InBlockBody;
    }

    /// <summary>
    /// giflib's <c>InputFunc</c>: copies up to <paramref name="count"/> bytes; giflib treats a short count as a read
    /// failure. One exception: a file that ends where the first frame's next sub-block size byte is due gets a block
    /// terminator (0) in its place. giflib reads on to the terminator after the frame's last pixel, while PIL stops at
    /// the last pixel, so a file cut after complete pixels decodes as PIL decodes it; with pixels still missing, the
    /// terminator ends the LZW data early and giflib fails (then <see cref="MemoryInput.RanOut"/> makes it Truncated).
    /// </summary>
    [UnmanagedCallersOnly]
    private static int ReadFromMemory(GifFileType* gif, byte* buffer, int count)
    {
        var input = (MemoryInput*)gif->UserData;
        var available = Math.Max(0, Math.Min(count, input->Length - input->Position));
        if (input->InFirstFrameData)
        {
            if (!input->InBlockBody && count == 1 && available == 0 && !input->RanOut)
            {
                input->RanOut = true;
                input->InFirstFrameData = false;
                *buffer = 0;
                return 1;
            }
            input->InBlockBody = !input->InBlockBody && count == 1 && available == 1 && input->Data[input->Position] != 0;
        }
        if (available < count) input->RanOut = true;
        Buffer.MemoryCopy(input->Data + input->Position, buffer, count, available);
        input->Position += available;
        return available;
    }
}
